import type { HttpContext } from '@adonisjs/core/http'
import { orBack, routeId } from '#app/support/http'
import { templateValidator } from '../validators/compose.js'
import { deleteTemplate, listTemplates, saveTemplate } from '../compose/templates.js'
import { MERGE_FIELDS } from '../compose/merge.js'

const CONFIGURE = 'mail.mailboxes.configure'

/** Correo › Plantillas: list, create, edit and delete the organization's mail templates. */
export default class TemplatesController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(CONFIGURE)
    return ctx.inertia.render('mail/compose/templates', {
      templates: await listTemplates(ctx.organization.id),
      fields: MERGE_FIELDS.map((f) => ({ name: f.name, alias: f.alias })),
    })
  }

  async store(ctx: HttpContext) {
    return this.#save(ctx)
  }

  async update(ctx: HttpContext) {
    return this.#save(ctx, routeId(ctx))
  }

  async #save(ctx: HttpContext, templateId?: number) {
    ctx.access.authorize(CONFIGURE)
    const data = await ctx.request.validateUsing(templateValidator)
    return orBack(ctx, async () => {
      await saveTemplate({
        organizationId: ctx.organization.id,
        userId: ctx.auth.getUserOrFail().id,
        templateId,
        data,
      })
      ctx.session.flash('success', ctx.i18n.t('mail.compose.templates.saved'))
      return ctx.response.redirect().toRoute('mail.templates.index')
    })
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize(CONFIGURE)
    await deleteTemplate(ctx.organization.id, routeId(ctx))
    ctx.session.flash('success', ctx.i18n.t('mail.compose.templates.deleted'))
    return ctx.response.redirect().toRoute('mail.templates.index')
  }
}
