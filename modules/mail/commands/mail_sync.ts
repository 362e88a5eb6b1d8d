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

  @flags.string({ description: "Language of the text: es or en (default: the organization's)" })
  declare locale?: string

  async run() {
    const { commandLanguage } = await import('../support/command_language.js')
    const language = commandLanguage(this.locale)
    const { t } = language
    try {
      language.check()
      const db = (await import('@adonisjs/lucid/services/db')).default
      const { organizationFor } = await import('#app/import/shell')
      const { syncMailbox } = await import('../sync/sync_mailbox.js')
      const org = await organizationFor(this.organization)
      await language.organization(Number(org.id))
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
          this.mailbox
            ? t('mail.commands.no_imap_mailbox', { name: this.mailbox })
            : t('mail.commands.no_imap_mailboxes')
        )
        this.exitCode = 1
        return
      }
      for (const mailbox of mailboxes) {
        const result = await syncMailbox(Number(mailbox.id), { batchSize: this.batchSize })
        if (result.busy) {
          this.logger.warning(t('mail.commands.busy', { name: mailbox.name }))
          this.exitCode = 2
          continue
        }
        for (const f of result.folders)
          this.logger.success(t('mail.commands.synced', { ...f, name: mailbox.name }))
      }
    } catch (error) {
      this.logger.error(language.message(error))
      this.exitCode = 1
    }
  }
}
