import type { ModuleRegistry } from '#app/registry/registry'
import type { ModuleInstaller } from '#app/registry/installations'
import type { Tier } from '#app/registry/types'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'

/** The process-wide registry and installer; tests pass their own. */
export interface ModuleDeps {
  registry: ModuleRegistry
  installer: ModuleInstaller
}

export async function defaultModuleDeps(): Promise<ModuleDeps> {
  const [registry, modules] = await Promise.all([moduleRegistry(), installer()])
  return { registry, installer: modules }
}

export interface ModuleCard {
  name: string
  /** i18n keys from the manifest. */
  label: string
  description: string
  version: string
  tier: Tier
  dependsOn: { name: string; label: string }[]
  source: 'builtin' | 'package'
  packageName: string | null
  installed: boolean
  /** Covered by the licence tier in force. */
  licensed: boolean
  /** Installed modules that need this one (uninstalling it is refused while they are). */
  neededBy: { name: string; label: string }[]
}

/** One card per registered module with its status for the organization. */
export async function moduleCatalog(
  organizationId: number,
  deps?: ModuleDeps
): Promise<ModuleCard[]> {
  const { registry, installer: modules } = deps ?? (await defaultModuleDeps())
  const statuses = new Map((await modules.statuses(organizationId)).map((s) => [s.name, s]))
  const ref = (name: string) => ({ name, label: registry.manifest(name).label })
  return registry.modules.map(({ manifest, source, packageName }) => {
    const status = statuses.get(manifest.name)!
    return {
      name: manifest.name,
      label: manifest.label,
      description: manifest.description,
      version: manifest.version,
      tier: manifest.tier,
      dependsOn: manifest.dependsOn.map(ref),
      source,
      packageName: packageName ?? null,
      installed: status.installed,
      licensed: status.licensed,
      neededBy: registry
        .requiredBy(manifest.name)
        .filter((m) => statuses.get(m)?.installed)
        .map(ref),
    }
  })
}
