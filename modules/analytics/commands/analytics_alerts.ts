import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace analytics:alerts [--organization=<slug>]`: evaluates the alert rules now, as the
 * hourly job does (opens new alerts, resolves cleared ones).
 */
export default class AnalyticsAlerts extends BaseCommand {
  static commandName = 'analytics:alerts'
  static description = 'Evaluate the analytics alert rules now'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Organization slug (default: every organization)' })
  declare organization?: string

  async run() {
    const { evaluateAlerts } = await import('../alerts/evaluate.js')
    let organizationId: number | undefined
    if (this.organization) {
      const { organizationFor } = await import('#app/import/shell')
      organizationId = Number((await organizationFor(this.organization)).id)
    }
    const result = await evaluateAlerts(new Date(), { organizationId })
    this.logger.success(`${result.opened} alerts opened, ${result.resolved} resolved`)
  }
}
