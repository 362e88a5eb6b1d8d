import type { ImapFlow } from 'imapflow'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { mailboxContext, type MailboxContext } from '../pipeline/mailbox_context.js'
import { folderOf } from '../archive/mailboxes.js'
import { closeClient, connectImap } from './connect.js'
import { describeFailure, failureOf } from './errors.js'
import { newHolder, releaseLease, renewLease, takeLease } from './lease.js'

/** A followed folder's row: the sync cursor. */
export interface FolderRow {
  id: number
  path: string
  uid_validity: number | string | null
  highest_uid: number | string
}

/** What a sync step gets: the connected client, the pipeline's context and the folders. */
export interface SyncSession {
  mailboxId: number
  client: ImapFlow
  context: MailboxContext
  folders: FolderRow[]
  /** Call between batches: extends the lease, and stops the run if another sync took it. */
  keepLease(): Promise<void>
}

export interface SessionOptions {
  /** Name of this run's hold on the mailbox (default: host:pid:random). */
  holder?: string
}

/** The folders a mailbox follows (its `folders` JSON list), INBOX when none is set. */
export function followedFolders(raw: unknown): string[] {
  let list: unknown = raw
  if (typeof raw === 'string') {
    try {
      list = JSON.parse(raw)
    } catch {
      list = null
    }
  }
  const paths = Array.isArray(list)
    ? list
        .map((f) => (typeof f === 'string' ? f : (f as { path?: unknown })?.path))
        .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    : []
  return paths.length ? [...new Set(paths)] : ['INBOX']
}

/**
 * Runs `work` on a mailbox's IMAP account under its sync lease: one sync per mailbox at a time
 * across processes and workers (another holder → `{ busy: true }`, the server untouched). On
 * failure the mailbox's last error gets plain words and the error is thrown again (the job
 * retries); the lease and the connection are always given back.
 */
export async function withSyncSession<T>(
  mailboxId: number,
  options: SessionOptions,
  work: (session: SyncSession) => Promise<T>
): Promise<{ busy: true } | { busy: false; result: T }> {
  const holder = options.holder ?? newHolder()
  if (!(await takeLease(mailboxId, holder))) return { busy: true }
  let client: ImapFlow | null = null
  try {
    const row = await db.from('mail_mailboxes').where('id', mailboxId).firstOrFail()
    const context = await mailboxContext(mailboxId)
    const folders: FolderRow[] = []
    for (const path of followedFolders(row.folders)) {
      const id = await folderOf(context.organizationId, mailboxId, path)
      folders.push(await db.from('mail_folders').where('id', id).firstOrFail())
    }
    client = await connectImap(row)
    const keepLease = async () => {
      if (!(await renewLease(mailboxId, holder))) throw new Error('sync_lease_lost')
    }
    const result = await work({ mailboxId, client, context, folders, keepLease })
    const now = dbTimestamp()
    await db.from('mail_mailboxes').where('id', mailboxId).update({
      last_sync_at: now,
      last_error: null,
      last_error_code: null,
      last_error_at: null,
      updated_at: now,
    })
    return { busy: false, result }
  } catch (error) {
    const now = dbTimestamp()
    await db
      .from('mail_mailboxes')
      .where('id', mailboxId)
      .update({
        last_error: describeFailure(error),
        last_error_code: failureOf(error),
        last_error_at: now,
        updated_at: now,
      })
      .catch(() => {})
    throw error
  } finally {
    if (client) await closeClient(client)
    await releaseLease(mailboxId, holder).catch(() => {})
  }
}
