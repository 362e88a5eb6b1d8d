import { Exception } from '@adonisjs/core/exceptions'

/** A module route was requested while the module is uninstalled or outside the licence. */
export class ModuleDisabledException extends Exception {
  constructor(readonly module: string) {
    super(`Module "${module}" is not enabled`, { status: 403, code: 'E_MODULE_DISABLED' })
  }
}
