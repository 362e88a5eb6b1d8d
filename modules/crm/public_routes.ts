/*
| CRM public routes (no session), mounted by the kernel under /p/crm/:organization: each
| feature registers its own (web forms for leads, calendar feeds for activities).
*/
import type { HttpRouterService } from '@adonisjs/core/types'
import type { PublicRouteGuards } from '#app/registry/types'
import registerLeadsPublicRoutes from './routes/leads_public.js'
import registerActivitiesPublicRoutes from './routes/activities_public.js'

export default function register(router: HttpRouterService, guards: PublicRouteGuards) {
  registerLeadsPublicRoutes(router, guards)
  registerActivitiesPublicRoutes(router, guards)
}
