import { Job } from '@adonisjs/queue'
import db from '@adonisjs/lucid/services/db'
import { installer } from '#app/registry/services'
import { syncMailbox } from '../sync/sync_mailbox.js'
import { refetchMissing } from '../sync/refetch_missing.js'

/**
 * Syncs one IMAP mailbox. Another sync holding the mailbox's lease (another worker or process)
 * makes this run a no-op; a failure (stored on the mailbox in plain words) is retried.
 */
class MailSync extends Job<{ mailboxId: number }> {
  static options = { maxRetries: 2 }

  async execute() {
    await syncMailbox(Number(this.payload.mailboxId))
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
 * Every minute: one mailSync job per enabled IMAP mailbox (polling; IDLE is a later step). A
 * mailbox still syncing from the last tick is skipped by its lease, so ticks never pile up work.
 */
class MailSyncAll extends Job<Record<string, never>> {
  static options = { maxRetries: 0 }

  async execute() {
    for (const mailboxId of await imapMailboxIds()) await MailSync.dispatch({ mailboxId })
  }
}

export { MailSync as mailSync, MailSyncAll as mailSyncAll, MailRefetch as mailRefetch }
export { default as sendOutboxMail } from './send_outbox_mail.js'
