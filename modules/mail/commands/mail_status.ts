import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `node ace mail:status [--json] [--organization=<slug>]`: each mailbox's ledger and last sync. */
export default class MailStatus extends BaseCommand {
  static commandName = 'mail:status'
  static description = "Print each mailbox's reconciliation ledger and last sync"
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Print one JSON object' })
  declare json?: boolean

  @flags.string({ description: 'Organization slug (default: the only organization)' })
  declare organization?: string

  async run() {
    const { organizationFor } = await import('#app/import/shell')
    const { mailboxLedgers } = await import('../ledger.js')
    try {
      const org = await organizationFor(this.organization)
      const ledgers = await mailboxLedgers(Number(org.id))
      const shape = (l: (typeof ledgers)[number]) => ({
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
      })
      if (this.json) {
        this.logger.log(JSON.stringify({ mailboxes: ledgers.map(shape) }))
        return
      }
      if (!ledgers.length) this.logger.info('No mailboxes yet')
      for (const l of ledgers) {
        this.logger.log(
          `${l.name} (${l.kind}): on server ${l.onServer} · stored ${l.stored} · skipped ` +
            `${l.skipped} · failed ${l.failed} · missing ${l.missing} · last sync ` +
            `${l.lastSyncAt ?? 'never'}${l.lastError ? ` · error: ${l.lastError}` : ''}`
        )
        for (const f of l.folders)
          this.logger.log(
            `  ${f.path}: ${f.onServer} / ${f.stored} / ${f.skipped} / ${f.failed} / ${f.missing}`
          )
      }
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
    }
  }
}
