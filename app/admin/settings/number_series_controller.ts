import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import { seriesValidator } from '#app/admin/settings/validators'
import { orBack } from '#app/support/http'
import { actor } from '#app/admin/http'
import {
  deleteSeries,
  findSeries,
  listSeries,
  previewNext,
  previewNumber,
  saveSeries,
} from '#app/settings/number_series'

/** Administración › Series: numbering of later documents (quotes, invoices…). */
export default class NumberSeriesController {
  async index(ctx: HttpContext) {
    const series = await listSeries(ctx.organization.id)
    return ctx.inertia.render('admin/settings/series', {
      series: series.map((s) => ({ ...s, next: previewNumber(s), preview: previewNext(s) })),
      year: new Date().getUTCFullYear(),
    })
  }

  async store(ctx: HttpContext) {
    const data = await ctx.request.validateUsing(seriesValidator)
    return orBack(ctx, async () => {
      await saveSeries(
        ctx.organization.id,
        { ...data, prefix: data.prefix ?? '' },
        undefined,
        actor(ctx).actorId
      )
      ctx.session.flash('success', ctx.i18n.t('admin.settings.series.created', { name: data.name }))
      return ctx.response.redirect().toRoute('admin.settings.series.index')
    })
  }

  async update(ctx: HttpContext) {
    const id = Number(ctx.params.id)
    const current = (await findSeries(ctx.organization.id, id)) ?? notFound()
    const data = await ctx.request.validateUsing(seriesValidator)
    return orBack(ctx, async () => {
      await saveSeries(
        ctx.organization.id,
        { ...data, key: current.key, prefix: data.prefix ?? '' },
        id,
        actor(ctx).actorId
      )
      ctx.session.flash('success', ctx.i18n.t('admin.settings.series.updated', { name: data.name }))
      return ctx.response.redirect().toRoute('admin.settings.series.index')
    })
  }

  async destroy(ctx: HttpContext) {
    const id = Number(ctx.params.id)
    const current = (await findSeries(ctx.organization.id, id)) ?? notFound()
    await deleteSeries(ctx.organization.id, id, actor(ctx).actorId)
    ctx.session.flash(
      'success',
      ctx.i18n.t('admin.settings.series.deleted', { name: current.name })
    )
    return ctx.response.redirect().toRoute('admin.settings.series.index')
  }
}

function notFound(): never {
  throw new Exception('Not found', { status: 404, code: 'E_ROW_NOT_FOUND' })
}
