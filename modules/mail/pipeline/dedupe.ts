import { createHash } from 'node:crypto'
import type { ParsedMessage } from './parse.js'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * One canonical message per key: its Message-ID, or — without one — a hash of Date, From,
 * Subject and the start of the body, so the same mail delivered to two mailboxes still meets
 * itself and two different mails without ids stay apart.
 */
export function dedupeKey(parsed: ParsedMessage): string {
  if (parsed.messageId) {
    const key = `mid:${parsed.messageId}`
    return key.length <= 255 ? key : `mid#${sha(parsed.messageId)}`
  }
  const body = (parsed.text ?? parsed.html ?? '').replace(/\s+/g, ' ').trim().slice(0, 500)
  return `hash:${sha(
    [parsed.date?.toISOString() ?? '', parsed.from?.address ?? '', parsed.subject ?? '', body].join(
      '\n'
    )
  )}`
}

/** The key of a message stored raw (unreadable): the hash of its bytes. */
export function rawKey(rawHash: string): string {
  return `raw:${rawHash}`
}
