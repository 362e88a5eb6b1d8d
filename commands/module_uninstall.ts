import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { installer } from '#app/registry/services'
import { ModuleInstallError } from '#app/registry/installations'
import { UnknownOrganizationError, organizationBySlug } from '#app/kernel/organizations'
import { RUNNING_SERVER_NOTE } from '#app/support/cache'

export default class ModuleUninstall extends BaseCommand {
  static commandName = 'module:uninstall'
  static description = 'Disable a module for an organization (its data is kept)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Module name' })
  declare name: string

  @flags.string({ description: 'Organization slug (default: the only/first organization)' })
  declare org?: string

  async run() {
    try {
      const org = await organizationBySlug(this.org)
      await (await installer()).uninstall(org.id, this.name)
      this.logger.success(`Uninstalled "${this.name}" for ${org.name}; its data is kept`)
      this.logger.info(RUNNING_SERVER_NOTE)
    } catch (error) {
      if (!(error instanceof ModuleInstallError || error instanceof UnknownOrganizationError))
        throw error
      this.logger.error(error.message)
      this.exitCode = 1
    }
  }
}
