/*
| Modules' public routes (manifest `publicRoutes`): mounted under /p/<module>/:organization
| (the organization's slug) outside the web stack — no session, no sign-in, no CSRF — behind
| the public stack of start/kernel.ts and the route's own guards (signed link, webhook secret).
*/
import router from '@adonisjs/core/services/router'
import { middleware, publicStack } from '#start/kernel'
import type { LoadedModule, PublicRouteGuards } from '#app/registry/types'

const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE']
/** Guards that stand in for the CSRF token on a public state-changing route. */
export const PUBLIC_WRITE_GUARDS = ['publicWebhook', 'publicSigned']
const SLUG = /^[a-z0-9][a-z0-9-]*$/

function guardsFor(module: string): PublicRouteGuards {
  return {
    signed: (purpose) => middleware.publicSigned({ purpose }),
    webhook: (name) => middleware.publicWebhook({ module, name }),
    throttle: (options) => middleware.publicThrottle(options),
  }
}

/** Every route of a group, through nested groups and resources. */
function routesOf(group: { routes: any[] }): any[] {
  return group.routes.flatMap((one) => {
    if (one.routes) return routesOf(one)
    return [one.route ?? one]
  })
}

/** Refuses to boot when a module's public route changes state without a guard. */
export function assertGuarded(group: { routes: any[] }, module: string) {
  for (const route of routesOf(group)) {
    if (!route?.toJSON) continue
    const json = route.toJSON()
    if (!json.methods.some((m: string) => STATE_CHANGING.includes(m))) continue
    const names = [...json.middleware.all()].map((one: any) => one.name)
    if (!names.some((name) => PUBLIC_WRITE_GUARDS.includes(name)))
      throw new Error(
        `Module "${module}": public route ${json.methods.join('|')} ${json.pattern} changes state ` +
          'without a webhook(…) or signed(…) guard (README, "Public routes").'
      )
  }
}

/** Mounts the public routes of every module that declares them (before the web catch-all). */
export default async function publicRoutes(modules: LoadedModule[]) {
  for (const { manifest } of modules) {
    if (!manifest.publicRoutes) continue
    const register = (await manifest.publicRoutes()).default
    const group = router
      .group(() => register(router, guardsFor(manifest.name)))
      .prefix(`/p/${manifest.name}/:organization`)
      .where('organization', SLUG)
      .use(publicStack(manifest.name))
    assertGuarded(group, manifest.name)
  }
}
