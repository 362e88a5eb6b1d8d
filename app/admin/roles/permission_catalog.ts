import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import { actionLabel } from '#app/registry/defaults'

export interface CatalogModule {
  name: string
  /** i18n keys from the manifest. */
  label: string
  installed: boolean
  /** `actionLabels`: i18n key of each action's label (the kernel's for standard verbs, else the module's). */
  resources: {
    key: string
    label: string
    actions: string[]
    actionLabels: Record<string, string>
  }[]
  /** Module permissions that are not an action on a resource (e.g. `crm.merge`). */
  extras: { key: string; label: string }[]
}

/**
 * Every permission the registered modules declare, grouped by module, with whether the module
 * is installed for the organization (a role can be prepared before the module is installed).
 */
export async function permissionCatalog(organizationId: number): Promise<CatalogModule[]> {
  const [registry, installed] = await Promise.all([
    moduleRegistry(),
    installer().then((i) => i.installed(organizationId)),
  ])
  const extras = registry.permissions().filter((p) => !p.resource)
  return registry.modules
    .map(({ manifest }) => ({
      name: manifest.name,
      label: manifest.label,
      installed: installed.has(manifest.name),
      resources: registry
        .resources()
        .filter((r) => r.module === manifest.name)
        .map((r) => ({
          key: r.key,
          label: r.label,
          actions: [...r.actions],
          actionLabels: Object.fromEntries(r.actions.map((a) => [a, actionLabel(r, a)])),
        })),
      extras: extras
        .filter((p) => p.module === manifest.name)
        .map((p) => ({ key: p.key, label: p.label })),
    }))
    .filter((m) => m.resources.length > 0 || m.extras.length > 0)
}
