import type { HttpContext } from '@adonisjs/core/http'
import { currencyValidator, rateValidator } from '#app/admin/settings/validators'
import { orBack } from '#app/support/http'
import { actor } from '#app/admin/http'
import {
  currencies,
  deleteCurrency,
  saveCurrency,
  setDefaultCurrency,
} from '#app/settings/currencies'
import { rateHistory, setRate } from '#app/settings/exchange_rates'

/** Administración › Monedas: the organization's currencies, its default and manual rates. */
export default class CurrenciesController {
  async index(ctx: HttpContext) {
    const organizationId = ctx.organization.id
    const list = await currencies(organizationId)
    const history = await Promise.all(
      list
        .filter((c) => !c.isDefault)
        .map(async (c) => [c.code, await rateHistory(organizationId, c.code)])
    )
    return ctx.inertia.render('admin/settings/currencies', {
      currencies: list,
      rates: Object.fromEntries(history),
    })
  }

  async store(ctx: HttpContext) {
    const data = await ctx.request.validateUsing(currencyValidator)
    return orBack(ctx, async () => {
      await saveCurrency(ctx.organization.id, data, undefined, actor(ctx).actorId)
      ctx.session.flash(
        'success',
        ctx.i18n.t('admin.settings.currencies.created', { code: data.code })
      )
      return ctx.response.redirect().toRoute('admin.settings.currencies.index')
    })
  }

  async update(ctx: HttpContext) {
    const code = String(ctx.params.code).toUpperCase()
    const data = await ctx.request.validateUsing(currencyValidator)
    return orBack(ctx, async () => {
      await saveCurrency(ctx.organization.id, { ...data, code }, code, actor(ctx).actorId)
      ctx.session.flash('success', ctx.i18n.t('admin.settings.currencies.updated', { code }))
      return ctx.response.redirect().toRoute('admin.settings.currencies.index')
    })
  }

  async makeDefault(ctx: HttpContext) {
    const code = String(ctx.params.code).toUpperCase()
    return orBack(ctx, async () => {
      await setDefaultCurrency(ctx.organization.id, code, actor(ctx).actorId)
      ctx.session.flash('success', ctx.i18n.t('admin.settings.currencies.defaulted', { code }))
      return ctx.response.redirect().toRoute('admin.settings.currencies.index')
    })
  }

  async rate(ctx: HttpContext) {
    const code = String(ctx.params.code).toUpperCase()
    const data = await ctx.request.validateUsing(rateValidator)
    return orBack(ctx, async () => {
      await setRate(ctx.organization.id, { code, ...data, actorId: actor(ctx).actorId })
      ctx.session.flash('success', ctx.i18n.t('admin.settings.currencies.rated', { code }))
      return ctx.response.redirect().toRoute('admin.settings.currencies.index')
    })
  }

  async destroy(ctx: HttpContext) {
    const code = String(ctx.params.code).toUpperCase()
    return orBack(ctx, async () => {
      await deleteCurrency(ctx.organization.id, code, actor(ctx).actorId)
      ctx.session.flash('success', ctx.i18n.t('admin.settings.currencies.deleted', { code }))
      return ctx.response.redirect().toRoute('admin.settings.currencies.index')
    })
  }
}
