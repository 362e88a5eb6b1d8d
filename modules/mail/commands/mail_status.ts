import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { LedgerCounts, MailboxLedger } from '../ledger.js'

/**
 * `node ace mail:status [--json] [--organization=<slug>] [--locale=es|en]`: each mailbox's ledger
 * and last sync. The text is in one language throughout: `--locale`, else the organization's
 * default (else the installation's); `--json` is the documented shape, with no words to translate.
 */
export default class MailStatus extends BaseCommand {
  static commandName = 'mail:status'
  static description = "Print each mailbox's reconciliation ledger and last sync"
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Print one JSON object' })
  declare json?: boolean

  @flags.string({ description: 'Organization slug (default: the only organization)' })
  declare organization?: string

  @flags.string({ description: "Language of the text: es or en (default: the organization's)" })
  declare locale?: string

  async run() {
    const { commandLanguage } = await import('../support/command_language.js')
    const { organizationFor } = await import('#app/import/shell')
    const { mailboxLedgers } = await import('../ledger.js')
    const { mailboxList } = await import('../controllers/mailbox_list.js')
    const language = commandLanguage(this.locale)
    const { t } = language
    try {
      language.check()
      const org = await organizationFor(this.organization)
      await language.organization(Number(org.id))
      const organizationId = Number(org.id)
      if (this.json) {
        const ledgers = await mailboxLedgers(organizationId)
        this.logger.log(JSON.stringify({ mailboxes: ledgers.map(shape) }))
        return
      }
      const [ledgers, rows] = await Promise.all([
        mailboxLedgers(organizationId),
        // The last sync error in the chosen language (its stored code), not the stored words.
        mailboxList(organizationId, t),
      ])
      const errorOf = new Map(rows.map((r) => [r.id, r.lastError]))
      if (!ledgers.length) this.logger.info(t('mail.status.none'))
      for (const l of ledgers) {
        const error = errorOf.get(l.id)
        this.logger.log(
          t('mail.status.mailbox', {
            name: l.name,
            kind: t(`mail.mailboxes.kinds.${l.kind}`),
            ...counts(l),
            lastSync: l.lastSyncAt ?? t('mail.status.never'),
          }) + (error ? t('mail.status.error', { error }) : '')
        )
        for (const f of l.folders)
          this.logger.log(`  ${t('mail.status.folder', { path: f.path, ...counts(f) })}`)
      }
    } catch (error) {
      this.logger.error(language.message(error))
      this.exitCode = 1
    }
  }
}

/** The five numbers of a mailbox or folder ledger. */
function counts(l: LedgerCounts) {
  const { onServer, stored, skipped, failed, missing } = l
  return { onServer, stored, skipped, failed, missing }
}

/** The documented `--json` shape of one mailbox. */
function shape(l: MailboxLedger) {
  return {
    name: l.name,
    onServer: l.onServer,
    stored: l.stored,
    skipped: l.skipped,
    failed: l.failed,
    missing: l.missing,
    lastSyncAt: l.lastSyncAt,
    folders: l.folders.map((f) => ({
      name: f.path,
      onServer: f.onServer,
      stored: f.stored,
      skipped: f.skipped,
      failed: f.failed,
      missing: f.missing,
      lastSyncAt: f.lastSyncAt,
    })),
  }
}
