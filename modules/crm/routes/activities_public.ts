import type { HttpRouterService } from '@adonisjs/core/types'
import type { PublicRouteGuards } from '#app/registry/types'

/** The activities feature's public routes (under /p/crm/:organization); public_routes.ts calls this. */
export default function registerActivitiesPublicRoutes(
  _router: HttpRouterService,
  _guards: PublicRouteGuards
) {}
