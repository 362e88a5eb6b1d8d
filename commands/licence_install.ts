import { readFile } from 'node:fs/promises'
import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { licences, LicenceError } from '#app/licensing/licence_service'

export default class LicenceInstall extends BaseCommand {
  static commandName = 'licence:install'
  static description = 'Verify a licence file and make it the deployment licence'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Licence file path' })
  declare file: string

  async run() {
    try {
      const licence = await licences.install(await readFile(this.file, 'utf8'), null)
      this.logger.success(
        `Licence installed: ${licence.customer}, tier ${licence.tier}, ${licence.seats} seats, until ${licence.expiresAt}`
      )
    } catch (error) {
      if (!(error instanceof LicenceError)) throw error
      this.logger.error(
        `Licence refused (${error.code}): ${error.message}. The current licence is unchanged.`
      )
      this.exitCode = 1
    }
  }
}
