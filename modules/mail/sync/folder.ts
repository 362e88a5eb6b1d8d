import type { ImapFlow } from 'imapflow'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { ingest, type IngestOutcome } from '../pipeline/ingest.js'
import { intakeExists } from '../pipeline/intake.js'
import type { MailboxContext } from '../pipeline/mailbox_context.js'
import type { FolderRow } from './session.js'

/** What offering a folder's messages did, by outcome. */
export interface OfferCounts {
  offered: number
  stored: number
  duplicate: number
  known: number
  skipped: number
  failed: number
  /** Listed, then gone from the server before it could be read (expunged meanwhile). */
  gone: number
}

export const emptyCounts = (): OfferCounts => ({
  offered: 0,
  stored: 0,
  duplicate: 0,
  known: 0,
  skipped: 0,
  failed: 0,
  gone: 0,
})

/** The selected (examined) folder as the server sees it now. */
export interface ExaminedFolder {
  uidValidity: number
  exists: number
  highestModseq: string | null
  /** The cursor to fetch after: 0 on a first sync or after a UIDVALIDITY change. */
  highestUid: number
  /** The folder had been synced under this UIDVALIDITY before (live mail, not history). */
  continued: boolean
}

/**
 * Reads the selected folder's state and moves its cursor row to it. A new UIDVALIDITY means the
 * server numbered its messages anew: the cursor starts over at 0 under the new value, and the
 * old ledger rows stay as history (the ledger counts only the current UIDVALIDITY); the
 * re-fetch maps each message onto the stored one by its dedupe key, so nothing doubles.
 */
export async function examineFolder(client: ImapFlow, folder: FolderRow): Promise<ExaminedFolder> {
  const box = client.mailbox
  if (!box) throw new Error(`mailbox ${folder.path} is not selected`)
  const uidValidity = Number(box.uidValidity)
  const same = folder.uid_validity !== null && String(folder.uid_validity) === String(uidValidity)
  const highestUid = same ? Number(folder.highest_uid) || 0 : 0
  const now = dbTimestamp()
  await db.from('mail_folders').where('id', folder.id).update({
    uid_validity: uidValidity,
    highest_uid: highestUid,
    on_server: box.exists,
    updated_at: now,
  })
  return {
    uidValidity,
    exists: box.exists,
    highestModseq: box.highestModseq === undefined ? null : String(box.highestModseq),
    highestUid,
    continued: same,
  }
}

/** UIDs above `after` in the selected folder, ascending (FETCH UID, never the bodies). */
export async function uidsAfter(client: ImapFlow, after: number): Promise<number[]> {
  const uids: number[] = []
  // `n:*` always names the last message, even when its UID is below n: filtered below.
  for await (const message of client.fetch(
    `${after + 1}:*`,
    { uid: true, size: true },
    { uid: true }
  )) {
    if (message.uid > after) uids.push(message.uid)
  }
  return [...new Set(uids)].sort((a, b) => a - b)
}

/** Every UID of the selected folder, ascending. */
export async function allUids(client: ImapFlow): Promise<number[]> {
  const found = await client.search({ all: true }, { uid: true })
  return (found || []).sort((a, b) => a - b)
}

/**
 * Offers one message to the capture pipeline. The body is read with imapflow's download(),
 * which FETCHes `BODY.PEEK[]` in chunks (never sets \Seen) and streams it, so a large message
 * never sits whole in memory. An item already in the ledger is not downloaded at all.
 */
export async function offerUid(
  client: ImapFlow,
  context: MailboxContext,
  target: { folderId: number; uidValidity: number; uid: number },
  notify: boolean
): Promise<IngestOutcome['outcome'] | 'gone'> {
  const itemKey = `${target.uidValidity}:${target.uid}`
  if (await intakeExists(target.folderId, itemKey)) return 'known'
  const { content } = await client.download(String(target.uid), undefined, { uid: true })
  if (!content) return 'gone'
  try {
    const result = await ingest(
      context,
      { folderId: target.folderId, itemKey, uid: target.uid, uidValidity: target.uidValidity },
      content,
      { notify }
    )
    return result.outcome
  } finally {
    // A run that found the item known meanwhile leaves the stream unread: stop the download.
    if (!content.readableEnded) content.destroy()
  }
}

/**
 * Offers `uids` in batches; after each batch `onBatch` gets the last UID of the batch (every
 * message of it is in the ledger by then) and the count done.
 */
export async function offerInBatches(
  client: ImapFlow,
  context: MailboxContext,
  folder: { id: number; uidValidity: number; notify: boolean },
  uids: number[],
  batchSize: number,
  onBatch: (lastUid: number, done: number) => Promise<void>
): Promise<OfferCounts> {
  const counts = emptyCounts()
  for (let start = 0; start < uids.length; start += batchSize) {
    const batch = uids.slice(start, start + batchSize)
    for (const uid of batch) {
      const outcome = await offerUid(
        client,
        context,
        { folderId: folder.id, uidValidity: folder.uidValidity, uid },
        folder.notify
      )
      counts.offered++
      counts[outcome]++
    }
    await onBatch(batch[batch.length - 1], start + batch.length)
  }
  return counts
}
