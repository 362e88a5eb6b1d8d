import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { dispose, looksLikeMail, parseMessage, scratchDir, type ParsedMessage } from './parse.js'
import { failureReason, parseFailureOf, type ParseFailure } from './parse_failure.js'
import { dedupeKey, rawKey } from './dedupe.js'
import { decide } from '../rules/evaluate.js'
import { directionOf, storeMessage } from './store.js'
import { SMALL_MESSAGE, type IntakeTarget, type StoreResult } from './types.js'
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
  /** The caller has just found the item missing from the ledger (a batch lookup): not asked again. */
  ledgerChecked?: boolean
}

/** A raw message: in memory (small), or spooled to a scratch file in `dir`. */
interface RawMessage {
  bytes: Buffer | null
  path: string | null
  dir: string | null
  size: number
  sha256: string | null
}

/**
 * The one capture pipeline (IMAP sync and archive import alike): the raw message is parsed
 * streaming — a large one from a scratch file, its attachments to files; a small one from
 * memory — deduplicated by its key, run through the blocklist, spam headers and rules, then
 * stored with its thread, links, timeline entries and ledger row in one transaction.
 * Idempotent: an item already in the ledger is not read again, and the database's unique keys
 * (message per dedupe key, ledger row per folder item) make a crash or a concurrent run store
 * nothing twice. A message mailparser cannot read is stored raw and flagged, never dropped.
 */
export async function ingest(
  mailbox: MailboxContext,
  target: IntakeTarget,
  source: Readable | Buffer | string,
  options: IngestOptions = {}
): Promise<IngestOutcome> {
  if (!options.ledgerChecked && (await intakeExists(target.folderId, target.itemKey)))
    return { outcome: 'known' }
  const input = typeof source === 'string' ? Buffer.from(source) : source
  if (Buffer.isBuffer(input) && input.length <= SMALL_MESSAGE) {
    const raw = { bytes: input, path: null, dir: null, size: input.length, sha256: null }
    return ingestRaw(mailbox, target, raw, options)
  }
  const dir = await scratchDir()
  try {
    return await ingestRaw(mailbox, target, await spool(input, dir), options)
  } finally {
    await dispose(dir)
  }
}

/** Writes a message to `dir`/raw.eml, streaming, counting and hashing its bytes. */
async function spool(source: Readable | Buffer, dir: string): Promise<RawMessage> {
  const path = join(dir, 'raw.eml')
  const hash = createHash('sha256')
  let size = 0
  await pipeline(
    Buffer.isBuffer(source) ? Readable.from([source]) : source,
    async function* (chunks) {
      for await (const chunk of chunks) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
        size += buffer.length
        hash.update(buffer)
        yield buffer
      }
    },
    createWriteStream(path)
  )
  return { bytes: null, path, dir, size, sha256: hash.digest('hex') }
}

async function ingestRaw(
  mailbox: MailboxContext,
  target: IntakeTarget,
  raw: RawMessage,
  options: IngestOptions
): Promise<IngestOutcome> {
  let parsed: ParsedMessage | null = null
  let parseError: ParseFailure | null = null
  try {
    parsed = await parseMessage(raw.bytes ?? { path: raw.path! }, raw.dir)
    if (!looksLikeMail(parsed)) {
      parseError = { code: 'no_headers', detail: null }
      parsed = null
    }
  } catch (error) {
    parseError = parseFailureOf(error)
  }
  const direction = directionOf(mailbox, parsed, options.direction)
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
      size: raw.size,
      direction,
      link: options.link ?? null,
    })
    await afterStore(mailbox, result, { ...options, direction })
    return result.outcome === 'known'
      ? { outcome: 'known' }
      : { outcome: result.outcome, messageId: result.messageId }
  }
  const sha256 = raw.sha256 ?? createHash('sha256').update(raw.bytes!).digest('hex')
  const result = await storeMessage({
    mailbox,
    target,
    parsed: null,
    raw: raw.bytes ?? { path: raw.path! },
    parseError,
    decision: null,
    key: rawKey(sha256),
    size: raw.size,
    direction,
  })
  if (result.outcome === 'known') return { outcome: 'known' }
  return { outcome: 'failed', messageId: result.messageId, reason: failureReason(parseError) }
}

async function afterStore(mailbox: MailboxContext, result: StoreResult, options: IngestOptions) {
  if (result.outcome !== 'stored' || options.notify === false) return
  if (result.spam || (options.direction ?? 'in') !== 'in' || !result.links.length) return
  await notifyOwners(mailbox, result).catch(() => {})
}
