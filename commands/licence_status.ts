import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { licences } from '#app/licensing/licence_service'

export default class LicenceStatus extends BaseCommand {
  static commandName = 'licence:status'
  static description = 'Show the licence in force, seats in use and any problem'
  static options: CommandOptions = { startApp: true }

  async run() {
    const [e, active] = await Promise.all([licences.entitlement(), licences.activeUsers()])
    this.logger.info(`Mode: ${e.mode}; tier ${e.tier}; seats ${active}/${e.seats}`)
    if (e.licence)
      this.logger.info(
        `Licence ${e.licence.id} for ${e.licence.customer}, valid until ${e.licence.expiresAt}`
      )
    if (e.problem)
      this.logger.warning(`Installed licence refused (${e.problem.code}): ${e.problem.detail}`)
  }
}
