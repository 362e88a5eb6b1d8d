import type { HttpContext } from '@adonisjs/core/http'
import { visibleAlerts } from './visible.js'
import type { AlertsPageProps, AlertStatus } from '../dto/alerts.js'

/** Analítica › Alertas: the alerts in the user's scope, open or resolved; the banner's feed. */
export default class AlertsController {
  async index(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const status: AlertStatus = ctx.request.input('status') === 'resolved' ? 'resolved' : 'open'
    const props: AlertsPageProps = {
      status,
      alerts: await visibleAlerts(ctx.access, status),
      canManage: ctx.access.can('analytics.alerts.manage'),
    }
    return ctx.inertia.render('analytics/alerts/index', props)
  }

  /** GET /analytics/alerts/active: the open alerts the user may see (JSON, newest first). */
  async active(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    return { alerts: await visibleAlerts(ctx.access, 'open', 20) }
  }
}
