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

  async run() {
    if (!this.mailbox) {
      this.logger.error('--mailbox <name> is required')
      this.exitCode = 1
      return
    }
    const { organizationFor } = await import('#app/import/shell')
    const { importArchive } = await import('../archive/import.js')
    try {
      const org = await organizationFor(this.organization)
      const result = await importArchive({
        organizationId: Number(org.id),
        mailbox: this.mailbox,
        path: this.path,
      })
      if (result.created) this.logger.info(`Created the archive-only mailbox "${result.mailbox}"`)
      this.logger.success(
        `${result.offered} messages read: ${result.stored} stored, ${result.duplicates} already ` +
          `stored elsewhere, ${result.known} already imported, ${result.skipped} skipped by a ` +
          `rule, ${result.failed} unreadable (kept raw)`
      )
    } catch (error) {
      const e = error as { code?: string; message: string }
      this.logger.error(e.code === 'ENOENT' ? `No such file or folder: ${this.path}` : e.message)
      this.exitCode = 1
    }
  }
}
