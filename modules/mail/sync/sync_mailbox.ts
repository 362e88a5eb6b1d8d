import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { examineFolder, offerInBatches, uidsAfter, type OfferCounts } from './folder.js'
import { withSyncSession, type SessionOptions, type SyncSession } from './session.js'

/** What one folder's sync did. */
export interface FolderSyncResult extends OfferCounts {
  path: string
  uidValidity: number
  onServer: number
  /** The folder's UIDVALIDITY differed from the stored one: its messages were re-mapped. */
  uidValidityChanged: boolean
}

export type SyncResult = { busy: true } | { busy: false; folders: FolderSyncResult[] }

export interface SyncOptions extends SessionOptions {
  /** Messages per batch: the cursor and the progress move after each (default 100). */
  batchSize?: number
}

const BATCH = 100

/** Syncs one folder: new UIDs after the cursor, in batches, the cursor moving after each. */
async function syncFolder(
  session: SyncSession,
  folder: SyncSession['folders'][number],
  batchSize: number
): Promise<FolderSyncResult> {
  const { client, context } = session
  // EXAMINE: a read-only session, in which nothing (not even \Recent handling) changes flags.
  const lock = await client.getMailboxLock(folder.path, { readOnly: true })
  try {
    const state = await examineFolder(client, folder)
    const uids = state.exists ? await uidsAfter(client, state.highestUid) : []
    await db
      .from('mail_folders')
      .where('id', folder.id)
      .update({ progress_total: uids.length, progress_done: 0 })
    const counts = await offerInBatches(
      client,
      context,
      // The first sync of a folder brings its history: only later mail notifies the owners.
      { id: folder.id, uidValidity: state.uidValidity, notify: state.continued },
      uids,
      batchSize,
      async (lastUid, done) => {
        await db
          .from('mail_folders')
          .where('id', folder.id)
          .update({ highest_uid: lastUid, progress_done: done, updated_at: dbTimestamp() })
        await session.keepLease()
      }
    )
    const now = dbTimestamp()
    await db
      .from('mail_folders')
      .where('id', folder.id)
      .update({ highest_modseq: state.highestModseq, last_sync_at: now, updated_at: now })
    return {
      path: folder.path,
      uidValidity: state.uidValidity,
      onServer: state.exists,
      uidValidityChanged: folder.uid_validity !== null && !state.continued,
      ...counts,
    }
  } finally {
    lock.release()
  }
}

/**
 * Syncs a mailbox's followed folders from its IMAP server into the capture pipeline: the
 * messages after each folder's cursor, read with BODY.PEEK in a read-only session (nothing on
 * the server changes). Crash-safe: a folder's cursor moves only after a whole batch is in the
 * ledger, and re-offering an item the ledger has is a no-op. One sync per mailbox at a time:
 * another running sync → `{ busy: true }`. Errors land in the mailbox's last error in plain
 * words and are thrown again for the job's retry.
 */
export async function syncMailbox(
  mailboxId: number,
  options: SyncOptions = {}
): Promise<SyncResult> {
  const batchSize = Math.max(1, options.batchSize ?? BATCH)
  const run = await withSyncSession(mailboxId, options, async (session) => {
    const folders: FolderSyncResult[] = []
    for (const folder of session.folders) folders.push(await syncFolder(session, folder, batchSize))
    return folders
  })
  return run.busy ? { busy: true } : { busy: false, folders: run.result }
}
