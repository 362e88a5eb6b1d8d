import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { orBack, routeId } from '#app/support/http'
import {
  blocklistValidator,
  mailRuleValidator,
  moveMailRuleValidator,
} from '../validators/rules.js'
import {
  addBlocked,
  deleteMailRule,
  listBlocklist,
  listMailRules,
  moveMailRule,
  removeBlocked,
  saveMailRule,
} from '../rules/rules_admin.js'
import { userOptions } from '../triage/list_triage.js'
import type { MailRulesPage } from '../dto/rules.js'

const CONFIGURE = 'mail.mailboxes.configure'

/** Correo › Reglas de captura and the blocklist, for mail.mailboxes.configure. */
export default class MailRulesController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(CONFIGURE)
    const organizationId = ctx.organization.id
    const mailboxes = await db
      .from('mail_mailboxes')
      .where('organization_id', organizationId)
      .orderBy('name')
      .select('id', 'name')
    const props: MailRulesPage = {
      rules: await listMailRules(organizationId, ctx.access),
      blocklist: await listBlocklist(organizationId),
      mailboxes: mailboxes.map((m) => ({ value: String(m.id), label: m.name })),
      users: await userOptions(organizationId),
    }
    if (ctx.request.accepts(['html', 'json']) === 'json') return props
    return ctx.inertia.render('mail/rules/index', props)
  }

  async store(ctx: HttpContext) {
    return this.#save(ctx)
  }

  async update(ctx: HttpContext) {
    return this.#save(ctx, routeId(ctx))
  }

  async #save(ctx: HttpContext, id?: number) {
    ctx.access.authorize(CONFIGURE)
    const data = await ctx.request.validateUsing(mailRuleValidator)
    return orBack(ctx, async () => {
      await saveMailRule(ctx.organization.id, data, ctx.access, id)
      ctx.session.flash('success', ctx.i18n.t('mail.rules.saved'))
      return ctx.response.redirect().toRoute('mail.rules.index')
    })
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize(CONFIGURE)
    await deleteMailRule(ctx.organization.id, routeId(ctx))
    ctx.session.flash('success', ctx.i18n.t('mail.rules.deleted'))
    return ctx.response.redirect().toRoute('mail.rules.index')
  }

  async move(ctx: HttpContext) {
    ctx.access.authorize(CONFIGURE)
    const { direction } = await ctx.request.validateUsing(moveMailRuleValidator)
    await moveMailRule(ctx.organization.id, routeId(ctx), direction)
    return ctx.response.redirect().toRoute('mail.rules.index')
  }

  async block(ctx: HttpContext) {
    ctx.access.authorize(CONFIGURE)
    const { pattern } = await ctx.request.validateUsing(blocklistValidator)
    await addBlocked(ctx.organization.id, pattern)
    return ctx.response.redirect().toRoute('mail.rules.index')
  }

  async unblock(ctx: HttpContext) {
    ctx.access.authorize(CONFIGURE)
    await removeBlocked(ctx.organization.id, routeId(ctx))
    return ctx.response.redirect().toRoute('mail.rules.index')
  }
}
