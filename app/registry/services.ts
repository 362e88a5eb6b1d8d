import { moduleRegistry } from './main.js'
import { ModuleInstaller } from './installations.js'

let instance: Promise<ModuleInstaller> | undefined

/** The process-wide installer bound to the deployment's registry. */
export function installer(): Promise<ModuleInstaller> {
  instance ??= moduleRegistry().then((registry) => new ModuleInstaller(registry))
  return instance
}
