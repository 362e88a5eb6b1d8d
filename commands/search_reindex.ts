import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace search:reindex [resource] [--organization=slug]`: rebuilds the search index from
 * the records (after an upgrade, a bulk SQL change, or to fill it the first time).
 */
export default class SearchReindex extends BaseCommand {
  static commandName = 'search:reindex'
  static description = 'Rebuild the search index of one resource (e.g. crm.companies) or all'
  static options: CommandOptions = { startApp: true }

  @args.string({
    description: 'Resource key (default: every searchable resource)',
    required: false,
  })
  declare resource?: string

  @flags.string({ description: 'Organization slug (default: every organization)' })
  declare organization?: string

  async run() {
    const { moduleRegistry } = await import('#app/registry/main')
    const { reindexResource, indexedProvider } = await import('#app/search/indexer')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const registry = await moduleRegistry()
    const all = registry.searchProviders().map((p) => p.resource)
    if (this.resource && !all.includes(this.resource)) {
      this.logger.error(`Unknown searchable resource "${this.resource}". Known: ${all.join(', ')}`)
      this.exitCode = 1
      return
    }
    let organizationId: number | undefined
    if (this.organization) {
      const org = await db.from('organizations').where('slug', this.organization).first()
      if (!org) {
        this.logger.error(`No organization with slug "${this.organization}"`)
        this.exitCode = 1
        return
      }
      organizationId = Number(org.id)
    }
    for (const resource of this.resource ? [this.resource] : all) {
      if (!(await indexedProvider(resource))) {
        this.logger.info(`${resource}: searched by its provider directly, no index`)
        continue
      }
      const started = Date.now()
      const count = await reindexResource(resource, { organizationId })
      this.logger.success(`${resource}: ${count} documents in ${Date.now() - started} ms`)
    }
  }
}
