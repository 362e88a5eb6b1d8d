import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace mail:sync [<mailbox>] [--organization=<slug>]`: syncs an IMAP mailbox (or every
 * IMAP mailbox of the organization) now, in this process — the same sync as the mailSync job,
 * under the same lease. Exit code 2 when another sync holds a mailbox.
 */
export default class MailSyncCommand extends BaseCommand {
  static commandName = 'mail:sync'
  static description = 'Sync an IMAP mailbox (or all of them) now'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Mailbox name (default: every IMAP mailbox)', required: false })
  declare mailbox?: string

  @flags.string({ description: 'Organization slug (default: the only organization)' })
  declare organization?: string

  @flags.number({ description: 'Messages per batch: the cursor moves after each (default 100)' })
  declare batchSize?: number

  async run() {
    const db = (await import('@adonisjs/lucid/services/db')).default
    const { organizationFor } = await import('#app/import/shell')
    const { syncMailbox } = await import('../sync/sync_mailbox.js')
    try {
      const org = await organizationFor(this.organization)
      const query = db
        .from('mail_mailboxes')
        .where('organization_id', org.id)
        .whereNotNull('imap_host')
        .orderBy('name')
        .select('id', 'name')
      if (this.mailbox) query.where('name', this.mailbox)
      const mailboxes = await query
      if (!mailboxes.length) {
        this.logger.error(
          this.mailbox ? `No IMAP mailbox named "${this.mailbox}"` : 'No IMAP mailboxes yet'
        )
        this.exitCode = 1
        return
      }
      for (const mailbox of mailboxes) {
        const result = await syncMailbox(Number(mailbox.id), { batchSize: this.batchSize })
        if (result.busy) {
          this.logger.warning(`${mailbox.name}: busy — another sync holds this mailbox`)
          this.exitCode = 2
          continue
        }
        for (const f of result.folders)
          this.logger.success(
            `${mailbox.name} ${f.path}: ${f.onServer} on server · ${f.offered} new offered: ` +
              `${f.stored} stored, ${f.duplicate} already stored elsewhere, ${f.known} already ` +
              `in the ledger, ${f.skipped} skipped by a rule, ${f.failed} unreadable (kept raw)`
          )
      }
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
    }
  }
}
