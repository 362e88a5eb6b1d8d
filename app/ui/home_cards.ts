import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'

/** A start-page card as the page gets it: i18n keys, the resolved link and a Tabler icon name. */
export interface HomeCardProps {
  module: string
  label: string
  description: string | null
  href: string
  icon: string | null
}

/** The cards of the enabled modules (manifest `cards`) that the user may open, in module order. */
export async function homeCards(ctx: HttpContext): Promise<HomeCardProps[]> {
  const [registry, enabled] = await Promise.all([
    moduleRegistry(),
    ctx.enabledModules ?? installer().then((i) => i.enabled(ctx.organization.id)),
  ])
  return registry
    .cards()
    .filter((c) => enabled.has(c.module) && (!c.permission || ctx.access.can(c.permission)))
    .flatMap((c) => {
      try {
        const href = router.makeUrl(c.route)
        return [
          {
            module: c.module,
            label: c.label,
            description: c.description ?? null,
            href,
            icon: c.icon ?? null,
          },
        ]
      } catch {
        ctx.logger.warn(`home card of module ${c.module}: route "${c.route}" does not exist`)
        return []
      }
    })
}
