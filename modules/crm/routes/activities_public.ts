import type { HttpRouterService } from '@adonisjs/core/types'
import type { PublicRouteGuards } from '#app/registry/types'

const FeedController = () => import('../activities/feed_controller.js')

/** The activities feature's public routes (under /p/crm/:organization); public_routes.ts calls this. */
export default function registerActivitiesPublicRoutes(
  router: HttpRouterService,
  guards: PublicRouteGuards
) {
  // A read-only address whose secret is the token (stored hashed); calendar apps poll it.
  router
    .get('/calendar/:token', [FeedController, 'show'])
    .where('token', /^[A-Za-z0-9_-]{20,64}\.ics$/)
    .use(guards.throttle({ requests: 120, every: '1 minute' }))
    .as('crm.calendar.feed_ics')
}
