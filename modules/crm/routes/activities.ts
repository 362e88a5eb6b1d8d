import type { HttpRouterService } from '@adonisjs/core/types'

/** The activities feature's routes (behind login, under /crm); routes.ts calls this. */
export default function registerActivitiesRoutes(_router: HttpRouterService) {}
