import type { HttpRouterService } from '@adonisjs/core/types'

const PivotController = () => import('./pivot_controller.js')
const ReportsController = () => import('../reports/reports_controller.js')

/** Pivot tables (/analytics/pivot) and saved reports (/analytics/reports). */
export default function pivotRoutes(router: HttpRouterService) {
  router.get('/pivot', [PivotController, 'index']).as('analytics.pivot.index')
  router.post('/pivot/data', [PivotController, 'data']).as('analytics.pivot.data')
  router.post('/pivot/export', [PivotController, 'export']).as('analytics.pivot.export')
  router.post('/pivot/drill', [PivotController, 'drill']).as('analytics.pivot.drill')
  router.get('/reports', [ReportsController, 'index']).as('analytics.reports.index')
  router.post('/reports', [ReportsController, 'store']).as('analytics.reports.store')
  router
    .put('/reports/:id', [ReportsController, 'update'])
    .where('id', router.matchers.number())
    .as('analytics.reports.update')
  router
    .delete('/reports/:id', [ReportsController, 'destroy'])
    .where('id', router.matchers.number())
    .as('analytics.reports.destroy')
}
