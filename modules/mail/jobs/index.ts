import { Job } from '@adonisjs/queue'
import db from '@adonisjs/lucid/services/db'
import { installer } from '#app/registry/services'
import { syncMailbox } from '../sync/sync_mailbox.js'
import { refetchMissing } from '../sync/refetch_missing.js'
import { pollDue } from '../sync/idle.js'
import { sweepOrphanFiles } from '#app/documents/sweep'
import { CAPTURE_AREA } from '../pipeline/store.js'

/** Seconds before a wake-up that found the mailbox busy looks again. */
const WAKE_AGAIN = '5s'

/**
 * Syncs one IMAP mailbox. Another sync holding the mailbox's lease (another worker or process)
 * makes this run a no-op; a failure (stored on the mailbox in plain words) is retried. `wake`:
 * sent by the IDLE watcher on new mail. If another sync holds the mailbox, it may have listed
 * the folder before that mail came, so the job comes back shortly (at most `wake` times).
 */
class MailSync extends Job<{ mailboxId: number; wake?: number }> {
  static options = { maxRetries: 2 }

  async execute() {
    const mailboxId = Number(this.payload.mailboxId)
    const result = await syncMailbox(mailboxId)
    const wake = Number(this.payload.wake) || 0
    if (result.busy && wake > 0) {
      await MailSync.dispatch({ mailboxId, wake: wake - 1 }).in(WAKE_AGAIN)
    }
  }
}

/** "Pedir los que faltan": offers again every server message the ledger lacks. */
class MailRefetch extends Job<{ mailboxId: number }> {
  static options = { maxRetries: 2 }

  async execute() {
    await refetchMissing(Number(this.payload.mailboxId))
  }
}

/**
 * The enabled IMAP mailboxes (archive-only ones have no server) of organizations that have the
 * mail module enabled.
 */
export async function imapMailboxIds(): Promise<number[]> {
  const rows = await db
    .from('mail_mailboxes')
    .where('enabled', true)
    .whereNot('kind', 'archive')
    .whereNotNull('imap_host')
    .whereNotNull('imap_user')
    .orderBy('id')
    .select('id', 'organization_id')
  const modules = await installer()
  const enabled = new Map<number, boolean>()
  const ids: number[] = []
  for (const row of rows) {
    const org = Number(row.organization_id)
    if (!enabled.has(org)) enabled.set(org, (await modules.enabled(org)).has('mail'))
    if (enabled.get(org)) ids.push(Number(row.id))
  }
  return ids
}

/**
 * The IMAP mailboxes the minute's poll syncs now: all of them, except those an IDLE watcher
 * has in real time (one followed folder), which are polled every 15 minutes as a safety net.
 */
export async function polledMailboxIds(now = Date.now()): Promise<number[]> {
  const ids = await imapMailboxIds()
  if (!ids.length) return ids
  const rows = await db
    .from('mail_mailboxes')
    .whereIn('id', ids)
    .select('id', 'idle_state', 'idle_at', 'last_sync_at', 'folders')
  const due = new Set(rows.filter((row) => pollDue(row, now)).map((row) => Number(row.id)))
  return ids.filter((id) => due.has(id))
}

/**
 * Every minute: one mailSync job per IMAP mailbox due (polledMailboxIds). This poll is how mail
 * arrives from servers without IDLE, and the safety net of those with it (a watcher that lost
 * its connection, MAIL_IDLE=off, folders beyond the first). A mailbox still syncing from the
 * last tick is skipped by its lease, so ticks never pile up work.
 */
class MailSyncAll extends Job<Record<string, never>> {
  static options = { maxRetries: 0 }

  async execute() {
    for (const mailboxId of await polledMailboxIds()) await MailSync.dispatch({ mailboxId })
  }
}

/** Hours after which a captured file no document row names is an orphan (no capture runs that long). */
export const ORPHAN_HOURS = 24

/**
 * Hourly: removes captured attachment files a sync or import killed between writing them to
 * the drive and committing their rows left behind (only files older than ORPHAN_HOURS, so a
 * capture in progress keeps its files).
 */
class MailSweepFiles extends Job<Record<string, never>> {
  static options = { maxRetries: 0 }

  async execute() {
    await sweepOrphanFiles({
      area: CAPTURE_AREA,
      olderThanMs: ORPHAN_HOURS * 3600_000,
    })
  }
}

export {
  MailSync as mailSync,
  MailSyncAll as mailSyncAll,
  MailRefetch as mailRefetch,
  MailSweepFiles as mailSweepFiles,
}
export { default as sendOutboxMail } from './send_outbox_mail.js'
