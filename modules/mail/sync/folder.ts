import type { ImapFlow } from 'imapflow'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import type { FolderRow } from './session.js'

export { emptyCounts, offerInBatches, type OfferCounts } from './offer.js'

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
