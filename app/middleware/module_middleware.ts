import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ModuleDisabledException } from '#exceptions/module_disabled_exception'
import { installer } from '#app/registry/services'

/**
 * Guards a module's routes: the module must be installed for the user's organization and
 * covered by the licence tier.
 */
export default class ModuleMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { name: string }) {
    const enabled = await (await installer()).enabled(ctx.organization.id)
    if (!enabled.has(options.name)) throw new ModuleDisabledException(options.name)
    ctx.enabledModules = enabled
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    enabledModules?: Set<string>
  }
}
