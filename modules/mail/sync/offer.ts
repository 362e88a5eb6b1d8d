import type { ImapFlow } from 'imapflow'
import db from '@adonisjs/lucid/services/db'
import { ingest, type IngestOutcome } from '../pipeline/ingest.js'
import type { MailboxContext } from '../pipeline/mailbox_context.js'
import { fetchBatch } from './fetch_batch.js'

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

type Target = { folderId: number; uidValidity: number; uid: number }
type Outcome = IngestOutcome['outcome'] | 'gone'

const itemKey = (target: Target) => `${target.uidValidity}:${target.uid}`

/** The UIDs of `uids` the folder's ledger already has under this UIDVALIDITY (one query). */
async function knownUids(folderId: number, uidValidity: number, uids: number[]) {
  const rows = await db
    .from('mail_intake')
    .where('folder_id', folderId)
    .whereIn(
      'item_key',
      uids.map((uid) => `${uidValidity}:${uid}`)
    )
    .select('item_key')
  return new Set(rows.map((r) => Number(String(r.item_key).split(':')[1])))
}

/**
 * Streams one (big) message into the pipeline: imapflow's download() FETCHes `BODY.PEEK[]` in
 * chunks (never sets \Seen), so it never sits whole in memory.
 */
async function offerStreamed(
  client: ImapFlow,
  context: MailboxContext,
  target: Target,
  notify: boolean
): Promise<Outcome> {
  const { content } = await client.download(String(target.uid), undefined, { uid: true })
  if (!content) return 'gone'
  try {
    const result = await ingest(
      context,
      {
        folderId: target.folderId,
        itemKey: itemKey(target),
        uid: target.uid,
        uidValidity: target.uidValidity,
      },
      content,
      { notify, ledgerChecked: true }
    )
    return result.outcome
  } finally {
    // A run that found the item known meanwhile leaves the stream unread: stop the download.
    if (!content.readableEnded) content.destroy()
  }
}

/**
 * Offers `uids` in batches; after each batch `onBatch` gets the last UID of the batch (every
 * message of it is in the ledger by then) and the count done. Items the ledger has are not
 * fetched at all; small messages come several per FETCH (fetch_batch.ts), big ones stream.
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
  const count = (outcome: Outcome) => {
    counts.offered++
    counts[outcome]++
  }
  for (let start = 0; start < uids.length; start += batchSize) {
    const batch = uids.slice(start, start + batchSize)
    const known = await knownUids(folder.id, folder.uidValidity, batch)
    known.forEach(() => count('known'))
    const wanted = batch.filter((uid) => !known.has(uid))
    for await (const { uid, source } of fetchBatch(client, wanted)) {
      const target = { folderId: folder.id, uidValidity: folder.uidValidity, uid }
      if (source === 'gone') count('gone')
      else if (source === 'stream')
        count(await offerStreamed(client, context, target, folder.notify))
      else {
        const intake = {
          folderId: folder.id,
          itemKey: itemKey(target),
          uid,
          uidValidity: target.uidValidity,
        }
        const options = { notify: folder.notify, ledgerChecked: true }
        count((await ingest(context, intake, source, options)).outcome)
      }
    }
    await onBatch(batch[batch.length - 1], start + batch.length)
  }
  return counts
}
