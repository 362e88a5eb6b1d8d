import router from '@adonisjs/core/services/router'
import type { AccessContext } from '#app/access/access_context'
import type { HomeCardLoader } from '#app/registry/types'
import { inbox } from './inbox.js'

/**
 * "Mi día" card of the kernel: the user's latest unread notifications (her own rows, by the
 * index on user_id), each opening through `notifications.open` so it is marked read.
 */
export const notificationsCard: HomeCardLoader<AccessContext> = {
  async load({ access, t, locale, limit }) {
    const page = await inbox.page(access.userId, locale, { limit, unread: true })
    return {
      items: page.items.map((n) => ({
        title: n.message,
        href: router.makeUrl('notifications.open', { id: n.id }),
        at: n.createdAt,
        icon: 'bell',
      })),
      empty: {
        message: t('home.cards.notifications_empty'),
        action: {
          label: t('home.cards.notifications_all'),
          href: router.makeUrl('notifications.index'),
        },
      },
    }
  },
}
