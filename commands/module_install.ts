import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { installer } from '#app/registry/services'
import { ModuleInstallError } from '#app/registry/installations'
import { UnknownOrganizationError, organizationBySlug } from '#app/kernel/organizations'
import { RUNNING_SERVER_NOTE } from '#app/support/cache'

export default class ModuleInstall extends BaseCommand {
  static commandName = 'module:install'
  static description =
    'Install a module (and its dependencies) for an organization, running its migrations'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Module name' })
  declare name: string

  @flags.string({ description: 'Organization slug (default: the only/first organization)' })
  declare org?: string

  async run() {
    try {
      const org = await organizationBySlug(this.org)
      const installed = await (await installer()).install(org.id, this.name, null)
      if (installed.length) {
        this.logger.success(`Installed for ${org.name}: ${installed.join(', ')}`)
        this.logger.info(RUNNING_SERVER_NOTE)
      } else this.logger.info(`"${this.name}" was already installed for ${org.name}`)
    } catch (error) {
      if (!(error instanceof ModuleInstallError || error instanceof UnknownOrganizationError))
        throw error
      this.logger.error(error.message)
      this.exitCode = 1
    }
  }
}
