/* Alerts: the list, the banner's feed and the rules admin (under /analytics/alerts). */
import type { HttpRouterService } from '@adonisjs/core/types'

const AlertsController = () => import('./alerts_controller.js')
const AlertRulesController = () => import('./rules_controller.js')

export default function registerAlerts(router: HttpRouterService) {
  const id = router.matchers.number()
  router.get('/alerts', [AlertsController, 'index']).as('analytics.alerts.index')
  router.get('/alerts/active', [AlertsController, 'active']).as('analytics.alerts.active')
  router.get('/alerts/rules', [AlertRulesController, 'index']).as('analytics.alerts.rules')
  router.post('/alerts/rules', [AlertRulesController, 'store']).as('analytics.alerts.rules.store')
  router
    .put('/alerts/rules/:id', [AlertRulesController, 'update'])
    .where('id', id)
    .as('analytics.alerts.rules.update')
  router
    .post('/alerts/rules/:id/toggle', [AlertRulesController, 'toggle'])
    .where('id', id)
    .as('analytics.alerts.rules.toggle')
  router
    .delete('/alerts/rules/:id', [AlertRulesController, 'destroy'])
    .where('id', id)
    .as('analytics.alerts.rules.destroy')
}
