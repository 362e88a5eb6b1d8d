import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { MailParser, type AddressObject, type Headers } from 'mailparser'
import { normalizeAddress, type Address } from '../support/addresses.js'

/**
 * An attachment: streamed to a temporary file (`path`), or — for a small message parsed from
 * memory — its decoded bytes (`content`).
 */
export interface ParsedAttachment {
  filename: string
  contentType: string
  size: number
  contentId: string | null
  inline: boolean
  path: string | null
  content?: Buffer
}

/** What capture keeps of a message once mailparser has read it. */
export interface ParsedMessage {
  messageId: string | null
  inReplyTo: string | null
  references: string[]
  subject: string | null
  from: Address | null
  to: Address[]
  cc: Address[]
  date: Date | null
  text: string | null
  html: string | null
  headers: Map<string, string>
  attachments: ParsedAttachment[]
}

const MESSAGE_ID = /<([^<>\s]+)>/g

/** Message-ids of a header value (`<a@b> <c@d>`), without brackets. */
export function messageIds(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(' ') : String(value ?? '')
  const ids = [...text.matchAll(MESSAGE_ID)].map((m) => m[1])
  if (ids.length) return ids
  const bare = text.trim()
  return bare && !/\s/.test(bare) ? [bare.replace(/^<|>$/g, '')] : []
}

function addresses(value: unknown): Address[] {
  const objects = [value ?? []].flat() as AddressObject[]
  const out: Address[] = []
  const visit = (entries: AddressObject['value']) => {
    for (const entry of entries ?? []) {
      if (entry.group) visit(entry.group)
      const address = normalizeAddress(entry.address)
      if (address) out.push({ address, name: entry.name?.trim() || null })
    }
  }
  for (const object of objects) visit(object?.value)
  return out
}

function headerText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object' && 'text' in (value as object)) return String((value as any).text)
  if (typeof value === 'object' && 'value' in (value as object)) return String((value as any).value)
  return String(value)
}

/** A scratch folder for one message's raw source and attachments; removed by `dispose`. */
export async function scratchDir(): Promise<string> {
  const dir = join(tmpdir(), 'cartera-mail', randomUUID())
  await mkdir(dir, { recursive: true })
  return dir
}

export async function dispose(dir: string) {
  await rm(dir, { recursive: true, force: true })
}

/**
 * Parses a raw message, streaming: from a file, attachments go to files in `dir` as they are
 * decoded; from a Buffer (a small message, `dir` null), attachments stay in memory. Throws when
 * mailparser fails; the caller stores the raw message instead.
 */
export async function parseMessage(
  source: { path: string } | Buffer,
  dir: string | null
): Promise<ParsedMessage> {
  const parser = new MailParser({ skipImageLinks: true, skipTextToHtml: true })
  const attachments: ParsedAttachment[] = []
  const writes: Promise<void>[] = []
  let headers: Headers = new Map()
  let text: string | null = null
  let html: string | null = null
  parser.on('headers', (h) => (headers = h))
  parser.on('data', (data) => {
    if (data.type === 'text') {
      text = data.text ?? null
      html = typeof data.html === 'string' ? data.html : null
      return
    }
    const item: ParsedAttachment = {
      filename: data.filename || `adjunto-${attachments.length + 1}`,
      contentType: data.contentType || 'application/octet-stream',
      size: 0,
      contentId: data.contentId ? data.contentId.replace(/^<|>$/g, '') : null,
      inline: data.contentDisposition === 'inline' || (!!data.contentId && !!data.related),
      path: dir === null ? null : join(dir, `a${attachments.length}`),
    }
    attachments.push(item)
    const chunks: Buffer[] = []
    data.content.on('data', (chunk: Buffer) => {
      item.size += chunk.length
      if (!item.path) chunks.push(chunk)
    })
    const written = item.path
      ? pipeline(data.content, createWriteStream(item.path))
      : new Promise<void>((resolve, reject) => data.content.on('end', resolve).on('error', reject))
    writes.push(
      written.then(() => {
        if (!item.path) item.content = Buffer.concat(chunks)
        data.release?.()
      })
    )
  })
  const input = Buffer.isBuffer(source) ? Readable.from([source]) : createReadStream(source.path)
  await pipeline(input, parser)
  await Promise.all(writes)
  const flat = new Map<string, string>()
  for (const [key, value] of headers) flat.set(key, headerText(value))
  const subject = headers.get('subject')
  const date = headers.get('date')
  const from = addresses(headers.get('from'))
  return {
    messageId: messageIds(headers.get('message-id'))[0] ?? null,
    inReplyTo: messageIds(headers.get('in-reply-to'))[0] ?? null,
    references: messageIds(headers.get('references')),
    subject: typeof subject === 'string' ? subject : null,
    from: from[0] ?? null,
    to: addresses(headers.get('to')),
    cc: addresses(headers.get('cc')),
    date: date instanceof Date && !Number.isNaN(date.getTime()) ? date : null,
    text,
    html,
    headers: flat,
    attachments,
  }
}

/** Whether what mailparser read looks like a mail at all (binary junk yields no headers). */
export function looksLikeMail(parsed: ParsedMessage): boolean {
  return !!(parsed.from || parsed.messageId || parsed.date || parsed.subject || parsed.to.length)
}
