import type { HttpRouterService } from '@adonisjs/core/types'

/** The pipeline feature's routes (behind login, under /crm); routes.ts calls this. */
export default function registerPipelineRoutes(_router: HttpRouterService) {}
