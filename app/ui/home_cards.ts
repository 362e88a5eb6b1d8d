import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { moduleRegistry } from '#app/registry/main'
import { installer } from '#app/registry/services'
import type { HomeCardData, HomeCardLoader, HomeCardParams } from '#app/registry/types'
import type { AccessContext } from '#app/access/access_context'
import { notificationsCard } from '#app/notifications/home_card'

/** A start-page card as the page gets it: i18n keys, the resolved link and a Tabler icon name. */
export interface HomeCardProps {
  module: string
  label: string
  description: string | null
  href: string
  icon: string | null
}

/** A data card of "Mi día" with what its loader found (`data` null when the loader failed). */
export interface HomeWidgetProps {
  key: string
  module: string
  label: string
  size: 'sm' | 'md' | 'lg'
  icon: string | null
  data: HomeCardData | null
}

/** Lines a data card shows at most. */
const CARD_LIMIT = 6

/** The kernel's own data cards, shown before the modules' ones. */
const KERNEL_CARDS: {
  key: string
  label: string
  size: 'sm' | 'md' | 'lg'
  icon: string
  loader: HomeCardLoader<AccessContext>
}[] = [
  {
    key: 'notifications',
    label: 'home.cards.notifications',
    size: 'md',
    icon: 'bell',
    loader: notificationsCard,
  },
]

async function enabledModules(ctx: HttpContext) {
  const [registry, enabled] = await Promise.all([
    moduleRegistry(),
    ctx.enabledModules ?? installer().then((i) => i.enabled(ctx.organization.id)),
  ])
  return registry
    .cards()
    .filter((c) => enabled.has(c.module) && (!c.permission || ctx.access.can(c.permission)))
}

/** The link cards of the enabled modules (manifest `cards`) that the user may open, in module order. */
export async function homeCards(ctx: HttpContext): Promise<HomeCardProps[]> {
  return (await enabledModules(ctx)).flatMap((c) => {
    if ('loader' in c) return []
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

/**
 * The data cards of "Mi día": the kernel's, then those the enabled modules declare and the user
 * may see. Loaders run in parallel; one that fails shows as an unavailable card, not a 500.
 */
export async function homeWidgets(ctx: HttpContext): Promise<HomeWidgetProps[]> {
  const params: HomeCardParams<AccessContext> = {
    access: ctx.access,
    t: (key, values) => ctx.i18n.t(key, values),
    locale: ctx.i18n.locale,
    limit: CARD_LIMIT,
  }
  const declared = (await enabledModules(ctx)).flatMap((c) =>
    'loader' in c
      ? [
          {
            key: `${c.module}.${c.key}`,
            module: c.module,
            label: c.label,
            size: c.size ?? 'md',
            icon: c.icon ?? null,
            loader: async () => (await c.loader()).default as HomeCardLoader<AccessContext>,
          },
        ]
      : []
  )
  const all = [
    ...KERNEL_CARDS.map((c) => ({
      ...c,
      key: `kernel.${c.key}`,
      module: 'kernel',
      loader: async () => c.loader,
    })),
    ...declared,
  ]
  return Promise.all(
    all.map(async ({ loader, ...card }) => {
      try {
        return { ...card, data: await (await loader()).load(params) }
      } catch (error) {
        ctx.logger.error({ err: error }, `home card ${card.key} failed`)
        return { ...card, data: null }
      }
    })
  )
}
