import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import { UnknownOrganizationError, organizationBySlug } from '#app/kernel/organizations'

export default class ModuleList extends BaseCommand {
  static commandName = 'module:list'
  static description = 'List modules with tier, dependencies and status for an organization'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Organization slug (default: the only/first organization)' })
  declare org?: string

  async run() {
    let org
    try {
      org = await organizationBySlug(this.org)
    } catch (error) {
      if (!(error instanceof UnknownOrganizationError)) throw error
      this.logger.error(error.message)
      this.exitCode = 1
      return
    }
    const registry = await moduleRegistry()
    const statuses = await (await installer()).statuses(org.id)
    const table = this.ui.table()
    table.head(['Module', 'Tier', 'Depends on', 'Source', 'Status'])
    for (const s of statuses) {
      const m = registry.get(s.name)!
      const status = s.enabled
        ? 'enabled'
        : s.installed
          ? 'installed (not licensed)'
          : 'not installed'
      table.row([
        s.name,
        m.manifest.tier,
        m.manifest.dependsOn.join(', ') || '—',
        m.packageName ?? m.source,
        status,
      ])
    }
    this.logger.info(`Organization: ${org.name} (${org.slug})`)
    table.render()
  }
}
