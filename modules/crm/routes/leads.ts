import type { HttpRouterService } from '@adonisjs/core/types'

/** The leads feature's routes (behind login, under /crm); routes.ts calls this. */
export default function registerLeadsRoutes(_router: HttpRouterService) {}
