import type { ModuleRegistry } from './registry.js'
import type { ModuleInstaller } from './installations.js'
import type { ModuleEvents, OrganizationEvent } from './types.js'

/** The one method of an emitter this needs (the app's, or a fresh one in tests). */
interface Subscribable {
  on(event: any, handler: (payload: any) => unknown): unknown
}

/**
 * Calls every module's `listeners` hook, in dependency order. Each handler is wrapped so that
 * it runs only when the event's organization has the listening module enabled: a module
 * uninstalled by one organization stops reacting to that organization's events at once,
 * without restarting the app, while it goes on for the others.
 */
export async function registerModuleListeners(
  registry: ModuleRegistry,
  installer: ModuleInstaller,
  emitter: Subscribable
) {
  for (const { manifest } of registry.modules) {
    if (!manifest.listeners) continue
    const { default: register } = await manifest.listeners()
    const events: ModuleEvents = {
      on(event, handler) {
        emitter.on(event, async (payload: OrganizationEvent) => {
          if (!(await installer.enabled(payload.organizationId)).has(manifest.name)) return
          await handler(payload as any)
        })
      },
    }
    await register(events)
  }
}
