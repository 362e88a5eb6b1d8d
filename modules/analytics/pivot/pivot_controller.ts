import { Readable } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import { roleOptions } from '#app/access/roles'
import vine from '@vinejs/vine'
import { attachment } from '#app/support/export_download'
import { XLSX_CONTENT_TYPE } from '#app/support/xlsx'
import { notFound } from '#app/support/http'
import { CubeRequestError } from '../engine/errors.js'
import type { PivotPageProps, PivotState } from '../dto/pivot.js'
import { findReport } from '../reports/reports.js'
import { drill, drillValidator } from './drill.js'
import { pivotCsv, pivotTable, pivotXlsx } from './export.js'
import { pivotViews, runPivot } from './run.js'
import { pivotStateSchema, pivotStateValidator } from './state.js'

const exportValidator = vine.compile(
  vine.object({
    state: pivotStateSchema,
    format: vine.enum(['xlsx', 'csv'] as const),
    title: vine.string().trim().maxLength(120).optional(),
  })
)

/** A bad query (unknown member, malformed) answers 400 `{ error }`, translated. */
async function answer(ctx: HttpContext, run: () => Promise<unknown>) {
  try {
    return await run()
  } catch (error) {
    if (error instanceof CubeRequestError)
      return ctx.response.badRequest({
        error: ctx.i18n.t(`analytics.errors.${error.key}`, error.values),
      })
    throw error
  }
}

/** Analítica › Tabla dinámica: the builder, its data, export and drill-down. */
export default class PivotController {
  /** The builder; `?report=<id>` opens a saved report the user may see. */
  async index(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const reportId = Number(ctx.request.qs().report)
    const report = reportId ? await findReport(ctx.access, reportId) : null
    if (reportId && !report) notFound()
    const props: PivotPageProps = {
      views: (await pivotViews()).map(({ meta: _meta, ...view }) => view),
      report,
      roles: await roleOptions(ctx.organization.id),
      currency: ctx.organization.currency,
    }
    return ctx.inertia.render('analytics/pivot/index', props as any)
  }

  /** POST { state }: the grid (rows, columns, cells with subtotals and totals). */
  async data(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const { state } = await ctx.request.validateUsing(pivotStateValidator)
    return answer(ctx, () => runPivot(ctx.access, state as PivotState))
  }

  /** POST { state, format, title }: the pivot with its totals as an XLSX or CSV download. */
  async export(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const input = await ctx.request.validateUsing(exportValidator)
    return answer(ctx, async () => {
      const grid = await runPivot(ctx.access, input.state as PivotState)
      const t = (key: string) => ctx.i18n.t(`analytics.pivot.${key}`)
      const table = pivotTable(grid, {
        total: t('total'),
        empty: t('empty'),
        quarter: t('quarter'),
      })
      const base = t('export_file')
      const title = input.title || t('title')
      const fileName = `${base}-${new Date().toISOString().slice(0, 10)}.${input.format}`
      ctx.response.header('Content-Disposition', attachment(fileName))
      ctx.response.header('Cache-Control', 'no-store')
      if (input.format === 'xlsx') {
        ctx.response.header('Content-Type', XLSX_CONTENT_TYPE)
        return ctx.response.stream(Readable.from([await pivotXlsx(table, title)]))
      }
      ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
      return ctx.response.stream(Readable.from(pivotCsv(table, ctx.i18n.locale === 'es')))
    })
  }

  /** POST { state, rowValues, columnValues }: the records behind one cell, in scope. */
  async drill(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    const input = await ctx.request.validateUsing(drillValidator)
    return answer(ctx, () => drill(ctx.access, input as any))
  }
}
