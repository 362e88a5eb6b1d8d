import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import i18nManager from '@adonisjs/i18n/services/main'
import { importFromShell } from '#app/import/shell'
import { ImportFileError } from '#app/import/errors'

/**
 * `node ace import crm.companies empresas.csv [--organization=slug] [--mapping=json] [--dry-run] [--json]`:
 * the web import's pipeline (same duplicate keys, rules and batches) from the shell.
 */
export default class Import extends BaseCommand {
  static commandName = 'import'
  static description = 'Import a CSV or XLSX file into a resource (e.g. crm.companies)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Resource key, e.g. crm.companies or crm.contacts' })
  declare resource: string

  @args.string({ description: 'CSV or XLSX file' })
  declare file: string

  @flags.string({ description: 'Organization slug (default: the only organization)' })
  declare organization?: string

  @flags.string({
    description: 'Column mapping as JSON: {"Header": "field"} (null ignores a column)',
  })
  declare mapping?: string

  @flags.boolean({ description: 'Analyse only: write nothing' })
  declare dryRun?: boolean

  @flags.boolean({ description: 'Print one JSON object: totals and every line' })
  declare json?: boolean

  async run() {
    try {
      const result = await importFromShell({
        resource: this.resource,
        file: this.file,
        organization: this.organization,
        mapping: this.mapping,
        dryRun: this.dryRun,
      })
      if (this.json) {
        this.logger.log(JSON.stringify(result))
        return
      }
      const { created, updated, duplicates, rejected } = result.totals
      const verb = this.dryRun ? 'Would import' : 'Imported'
      this.logger.success(
        `${verb}: ${created} created, ${updated} updated, ${duplicates} duplicates, ${rejected} rejected`
      )
      for (const line of result.lines.filter((l) => l.outcome === 'rejected').slice(0, 50))
        this.logger.warning(`line ${line.line}: ${line.reason}`)
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error
      const message = i18nManager.locale('en').t(error.key, error.values)
      if (this.json) this.logger.log(JSON.stringify({ error: message }))
      else this.logger.error(message)
      this.exitCode = 1
    }
  }
}
