import { fileURLToPath } from 'node:url'
import modulesConfig from '#config/modules'
import { loadModules } from './loader.js'
import { ModuleRegistry } from './registry.js'
import { registerPermissionKeys } from '#app/access/permission_keys'
import { registerBinResources } from '#app/bin/resources'
import { registerHistoryNames } from '#app/history/kinds'

/** Application root (the repository in development, build/ in production). */
export const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const MODULES_DIR = fileURLToPath(new URL('../../modules/', import.meta.url))

let registry: Promise<ModuleRegistry> | undefined

/**
 * The deployment's module registry, loaded once. Boot fails with the registry's message when a
 * manifest is invalid, a dependency is unknown or the graph has a cycle.
 */
export function moduleRegistry(): Promise<ModuleRegistry> {
  registry ??= loadModules({
    modulesDir: MODULES_DIR,
    packages: modulesConfig.packages,
    disabled: modulesConfig.disabled,
  }).then((loaded) => {
    const loadedRegistry = new ModuleRegistry(loaded)
    registerPermissionKeys(loadedRegistry.permissions().map((p) => p.key))
    registerBinResources(
      loadedRegistry
        .resources()
        .filter((r) => r.bin)
        .map((r) => ({ ...r.bin!, key: r.key, module: r.module }))
    )
    registerHistoryNames({
      kinds: loadedRegistry.modules.flatMap((m) => m.manifest.timelineKinds ?? []),
      actions: loadedRegistry.modules.flatMap((m) => m.manifest.auditActions ?? []),
    })
    return loadedRegistry
  })
  return registry
}
