import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { licenceValidator, seatQuotasValidator } from '#app/admin/licence/validators'
import { actor } from '#app/admin/http'
import { flashFieldErrors, orBack } from '#app/support/http'
import { licenceManageable, licenceOverview } from '#app/admin/licence/licence_overview'
import { installLicence } from '#app/admin/licence/install_licence'
import { saveSeatQuotas } from '#app/admin/licence/seat_quotas'

export default class LicenceController {
  async show(ctx: HttpContext) {
    return ctx.inertia.render('admin/licence/index', {
      overview: await licenceOverview(ctx.organization.id),
    })
  }

  /** Accepts the licence file itself (multipart) or its text pasted into the form. */
  async store(ctx: HttpContext) {
    if (!(await licenceManageable(ctx.organization.id))) {
      ctx.session.flash('error', ctx.i18n.t('admin.licence.managed_by_operator'))
      return ctx.response.redirect().back()
    }
    const { content, file } = await ctx.request.validateUsing(licenceValidator)
    const text = file?.tmpPath ? await readFile(file.tmpPath, 'utf8') : content
    if (!text?.trim()) {
      flashFieldErrors(ctx, { content: ctx.i18n.t('admin.licence.errors.missing') })
      return ctx.response.redirect().back()
    }
    return orBack(ctx, async () => {
      const licence = await installLicence({ ...actor(ctx), content: text })
      ctx.session.flash(
        'success',
        ctx.i18n.t('admin.licence.installed', {
          customer: licence.customer,
          expiresAt: licence.expiresAt.split('-').reverse().join('/'), // dd/mm/yyyy in both languages
        })
      )
      return ctx.response.redirect().toRoute('admin.licence.show')
    })
  }

  /** The host's administrators share the licence's seats out among the organizations. */
  async quotas(ctx: HttpContext) {
    if (!(await licenceManageable(ctx.organization.id))) {
      ctx.session.flash('error', ctx.i18n.t('admin.licence.managed_by_operator'))
      return ctx.response.redirect().back()
    }
    const { quotas } = await ctx.request.validateUsing(seatQuotasValidator)
    return orBack(ctx, async () => {
      await saveSeatQuotas({ ...actor(ctx), quotas })
      ctx.session.flash('success', ctx.i18n.t('admin.licence.quotas.saved'))
      return ctx.response.redirect().toRoute('admin.licence.show')
    })
  }
}
