import type { HttpRouterService } from '@adonisjs/core/types'

const DashboardsController = () => import('./dashboards_controller.js')

/** Paneles: the list of dashboards and one module's dashboard. */
export default function dashboardRoutes(router: HttpRouterService) {
  router.get('/dashboards', [DashboardsController, 'index']).as('analytics.dashboards.index')
  router
    .get('/dashboards/:module/:key', [DashboardsController, 'show'])
    .where('module', /^[a-z0-9_]+$/)
    .where('key', /^[a-z0-9_]+$/)
    .as('analytics.dashboards.show')
}
