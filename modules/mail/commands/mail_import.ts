import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace mail:import <path> --mailbox <name> [--organization=<slug>]`: archived mail (a
 * folder of .eml files or an mbox) through the capture pipeline — same dedupe, threading,
 * linking, rules and ledger as IMAP sync.
 */
export default class MailImport extends BaseCommand {
  static commandName = 'mail:import'
  static description = 'Import a folder of .eml files or an mbox archive into a mailbox'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'A folder of .eml files, one .eml file or an mbox file' })
  declare path: string

  @flags.string({ description: 'Mailbox name (a new archive-only mailbox when unknown)' })
  declare mailbox: string

  @flags.string({ description: 'Organization slug (default: the only organization)' })
  declare organization?: string

  @flags.string({ description: "Language of the text: es or en (default: the organization's)" })
  declare locale?: string

  async run() {
    const { commandLanguage } = await import('../support/command_language.js')
    const language = commandLanguage(this.locale)
    const { t } = language
    try {
      language.check()
      if (!this.mailbox) {
        this.logger.error(t('mail.commands.mailbox_required'))
        this.exitCode = 1
        return
      }
      const { organizationFor } = await import('#app/import/shell')
      const { importArchive } = await import('../archive/import.js')
      const org = await organizationFor(this.organization)
      await language.organization(Number(org.id))
      const result = await importArchive({
        organizationId: Number(org.id),
        mailbox: this.mailbox,
        path: this.path,
      })
      if (result.created)
        this.logger.info(t('mail.commands.archive_created', { mailbox: result.mailbox }))
      this.logger.success(t('mail.commands.archive_summary', { ...result }))
    } catch (error) {
      const e = error as { code?: string }
      this.logger.error(
        e.code === 'ENOENT'
          ? t('mail.commands.no_file', { path: this.path })
          : language.message(error)
      )
      this.exitCode = 1
    }
  }
}
