import type { HttpContext } from '@adonisjs/core/http'
import { roleOptions } from '#app/access/roles'
import { notFound, routeId } from '#app/support/http'
import { ForbiddenException } from '#exceptions/forbidden_exception'
import { jsonWrite } from '#app/support/json_write'
import type { ReportsPageProps } from '../dto/pivot.js'
import {
  REPORTS_MANAGE,
  deleteReport,
  findReport,
  listReports,
  reportValidator,
  saveReport,
} from './reports.js'

/** Analítica › Informes: saved pivot reports (mine and shared with my roles). */
export default class ReportsController {
  async index(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const props: ReportsPageProps = {
      reports: await listReports(ctx.access),
      roles: await roleOptions(ctx.organization.id),
    }
    return ctx.inertia.render('analytics/reports/index', props as any)
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const input = await ctx.request.validateUsing(reportValidator)
    return jsonWrite(ctx, async () => ({ id: await saveReport(ctx.access, input) }))
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const report = await this.#manageable(ctx)
    const input = await ctx.request.validateUsing(reportValidator)
    return jsonWrite(ctx, async () => ({ id: await saveReport(ctx.access, input, report.id) }))
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const report = await this.#manageable(ctx)
    await deleteReport(report.id)
    return { ok: true }
  }

  /** Not visible: 404; visible but neither mine nor `analytics.reports.manage`: 403. */
  async #manageable(ctx: HttpContext) {
    const report = await findReport(ctx.access, routeId(ctx))
    if (!report) notFound()
    if (!report.canManage) throw new ForbiddenException(REPORTS_MANAGE)
    return report
  }
}
