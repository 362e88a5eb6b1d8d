import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { dispose, looksLikeMail, parseFile, scratchDir, type ParsedMessage } from './parse.js'
import { dedupeKey, rawKey } from './dedupe.js'
import { decide } from '../rules/evaluate.js'
import { storeMessage } from './store.js'
import type { IntakeTarget, StoreResult } from './types.js'
import { recordIntake, intakeExists } from './intake.js'
import { notifyOwners } from './notify_owners.js'
import type { MailboxContext } from './mailbox_context.js'

export type { IntakeTarget } from './types.js'

export type IngestOutcome =
  | { outcome: 'known' }
  | { outcome: 'stored' | 'duplicate'; messageId: number }
  | { outcome: 'skipped'; ruleId: number }
  | { outcome: 'failed'; messageId: number | null; reason: string }

export interface IngestOptions {
  direction?: 'in' | 'out'
  /** Tell the linked records' owners (live capture: yes; an archive of old mail: no). */
  notify?: boolean
  /** Mail sent from a record: link it there (reason 'sent') and put its thread on it. */
  link?: { type: string; id: number } | null
}

/**
 * The one capture pipeline (IMAP sync and archive import alike): the raw message goes to a
 * scratch file, is parsed streaming (attachments to files), deduplicated by its key, run
 * through the blocklist, spam headers and rules, then stored with its thread, links, timeline
 * entries and ledger row in one transaction. Idempotent: an item already in the ledger is
 * not read again, and the database's unique keys (message per dedupe key, ledger row per
 * folder item) make a crash or a concurrent run store nothing twice. A message mailparser
 * cannot read is stored raw and flagged, never dropped.
 */
export async function ingest(
  mailbox: MailboxContext,
  target: IntakeTarget,
  source: Readable | Buffer | string,
  options: IngestOptions = {}
): Promise<IngestOutcome> {
  if (await intakeExists(target.folderId, target.itemKey)) return { outcome: 'known' }
  const dir = await scratchDir()
  try {
    const rawPath = join(dir, 'raw.eml')
    const hash = createHash('sha256')
    let size = 0
    const input =
      typeof source === 'string' || Buffer.isBuffer(source) ? Readable.from([source]) : source
    await pipeline(
      input,
      async function* (chunks) {
        for await (const chunk of chunks) {
          const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
          size += buffer.length
          hash.update(buffer)
          yield buffer
        }
      },
      createWriteStream(rawPath)
    )
    const rawHash = hash.digest('hex')
    let parsed: ParsedMessage | null = null
    let parseError: string | null = null
    try {
      parsed = await parseFile(rawPath, dir)
      if (!looksLikeMail(parsed)) {
        parseError = 'no_headers'
        parsed = null
      }
    } catch (error) {
      parseError = (error as Error).message.slice(0, 400) || 'parse_error'
    }
    if (parsed) {
      const decision = decide(parsed, mailbox.rules, mailbox.blocklist)
      if (decision.skip) {
        await recordIntake(mailbox, target, {
          outcome: 'skipped',
          ruleId: decision.skip.ruleId,
          reason: decision.skip.ruleName,
        })
        return { outcome: 'skipped', ruleId: decision.skip.ruleId }
      }
      const result = await storeMessage({
        mailbox,
        target,
        parsed,
        decision,
        key: dedupeKey(parsed),
        size,
        direction: options.direction ?? 'in',
        link: options.link ?? null,
      })
      await afterStore(mailbox, result, options)
      return result.outcome === 'known'
        ? { outcome: 'known' }
        : { outcome: result.outcome, messageId: result.messageId }
    }
    const result = await storeMessage({
      mailbox,
      target,
      parsed: null,
      rawPath,
      parseError,
      decision: null,
      key: rawKey(rawHash),
      size,
      direction: options.direction ?? 'in',
    })
    if (result.outcome === 'known') return { outcome: 'known' }
    return { outcome: 'failed', messageId: result.messageId, reason: parseError ?? 'parse_error' }
  } finally {
    await dispose(dir)
  }
}

async function afterStore(mailbox: MailboxContext, result: StoreResult, options: IngestOptions) {
  if (result.outcome !== 'stored' || options.notify === false) return
  if (result.spam || (options.direction ?? 'in') !== 'in' || !result.links.length) return
  await notifyOwners(mailbox, result).catch(() => {})
}
