import type { HttpContext } from '@adonisjs/core/http'
import { notFound, orBack, routeId } from '#app/support/http'
import { webFormValidator, WEB_FORM_FIELDS, HONEYPOT } from '../validators/web_forms.js'
import { createWebForm, listWebForms, updateWebForm } from '../actions/web_forms/web_forms.js'
import { leadCatalog, teamOptions } from '../actions/leads/lead_form.js'

const PERMISSION = 'crm.leads.forms'

/** CRM › Formularios web: the organization's forms, their snippets and counters. */
export default class WebFormsController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(PERMISSION)
    const [forms, teams, catalog] = await Promise.all([
      listWebForms(ctx.organization),
      teamOptions(ctx.organization.id),
      leadCatalog(ctx.organization.id, ctx.i18n.locale),
    ])
    return ctx.inertia.render('crm/leads/web_forms', {
      forms,
      teams,
      sources: catalog.sources,
      fields: [...WEB_FORM_FIELDS],
      honeypot: HONEYPOT,
    })
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize(PERMISSION)
    const data = await ctx.request.validateUsing(webFormValidator, {
      meta: { organizationId: ctx.organization.id },
    })
    return orBack(ctx, async () => {
      await createWebForm(ctx.organization.id, ctx.auth.getUserOrFail().id, data)
      ctx.session.flash('success', ctx.i18n.t('crm.web_forms.created', { name: data.name }))
      return ctx.response.redirect().toRoute('crm.web_forms.index')
    })
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize(PERMISSION)
    const data = await ctx.request.validateUsing(webFormValidator, {
      meta: { organizationId: ctx.organization.id },
    })
    return orBack(ctx, async () => {
      if (!(await updateWebForm(ctx.organization.id, routeId(ctx), data))) notFound()
      ctx.session.flash('success', ctx.i18n.t('crm.web_forms.updated', { name: data.name }))
      return ctx.response.redirect().toRoute('crm.web_forms.index')
    })
  }
}
