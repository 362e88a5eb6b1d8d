import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `node ace analytics:refresh`: build or refresh the rollups now (what the job does). */
export default class AnalyticsRefresh extends BaseCommand {
  static commandName = 'analytics:refresh'
  static description = 'Build or refresh the analytics rollups (MySQL/MariaDB)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { refreshRollups } = await import('../engine/rollups.js')
    const done = await refreshRollups()
    if (!done.length)
      this.logger.info('No rollups on this database (SQLite, or ANALYTICS_ROLLUPS=off)')
    for (const r of done) this.logger.info(`${r.id} → ${r.table ?? '(none)'} in ${r.ms} ms`)
  }
}
