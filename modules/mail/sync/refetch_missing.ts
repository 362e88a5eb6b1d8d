import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { allUids, examineFolder, offerInBatches, type OfferCounts } from './folder.js'
import { withSyncSession, type SessionOptions } from './session.js'

export interface FolderRefetchResult extends OfferCounts {
  path: string
  onServer: number
  /** Server UIDs the ledger had no row for (under the current UIDVALIDITY). */
  missing: number
}

export type RefetchResult = { busy: true } | { busy: false; folders: FolderRefetchResult[] }

/**
 * "Re-fetch missing": walks each followed folder's whole UID list on the server and offers
 * every UID the ledger has no row for under the current UIDVALIDITY — the gaps a failed or
 * interrupted run may have left below the cursor. Same lease, pipeline and read-only session as
 * the sync; the cursor is left alone (it only moves forward, in syncMailbox).
 */
export async function refetchMissing(
  mailboxId: number,
  options: SessionOptions = {}
): Promise<RefetchResult> {
  const run = await withSyncSession(mailboxId, options, async (session) => {
    const results: FolderRefetchResult[] = []
    for (const folder of session.folders) {
      const lock = await session.client.getMailboxLock(folder.path, { readOnly: true })
      try {
        const state = await examineFolder(session.client, folder)
        const onServer = state.exists ? await allUids(session.client) : []
        const known = await db
          .from('mail_intake')
          .where({ folder_id: folder.id, uid_validity: state.uidValidity })
          .whereNotNull('uid')
          .select('uid')
        const have = new Set(known.map((r) => Number(r.uid)))
        const missing = onServer.filter((uid) => !have.has(uid))
        const counts = await offerInBatches(
          session.client,
          session.context,
          { id: folder.id, uidValidity: state.uidValidity, notify: false },
          missing,
          100,
          () => session.keepLease()
        )
        const now = dbTimestamp()
        await db
          .from('mail_folders')
          .where('id', folder.id)
          .update({ last_sync_at: now, updated_at: now })
        results.push({
          path: folder.path,
          onServer: state.exists,
          missing: missing.length,
          ...counts,
        })
      } finally {
        lock.release()
      }
    }
    return results
  })
  return run.busy ? { busy: true } : { busy: false, folders: run.result }
}
