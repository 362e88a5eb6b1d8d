import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { notFound, orBack, routeId } from '#app/support/http'
import {
  dryRunValidator,
  fallbackValidator,
  moveRuleValidator,
  ruleValidator,
} from '../validators/assignment.js'
import {
  deleteRule,
  fallbackUserId,
  listRules,
  moveRule,
  ruleValues,
  saveFallback,
  saveRule,
} from '../assignment/rules_admin.js'
import { assignmentFormOptions } from '../assignment/form_options.js'
import { dryRun } from '../assignment/dry_run.js'
import { runAssignment } from '../assignment/assign_leads.js'

const MANAGE = 'crm.assignment.manage'

/**
 * CRM › Reglas de asignación (rules, fallback, dry run) for `crm.assignment.manage`, and
 * "Reasignar" on a lead for whoever may edit it. Thin: permission → validate → one action.
 */
export default class AssignmentController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    const organizationId = ctx.organization.id
    const [rules, fallback, options] = await Promise.all([
      listRules(organizationId),
      fallbackUserId(db.connection(), organizationId),
      assignmentFormOptions(organizationId, ctx.i18n.locale),
    ])
    return ctx.inertia.render('crm/assignment/index', {
      rules,
      fallbackUserId: fallback,
      users: options.users,
      options,
    })
  }

  async create(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    return ctx.inertia.render('crm/assignment/form', {
      rule: null,
      options: await assignmentFormOptions(ctx.organization.id, ctx.i18n.locale),
    })
  }

  async edit(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    const [rule, options] = await Promise.all([
      ruleValues(ctx.organization.id, routeId(ctx)),
      assignmentFormOptions(ctx.organization.id, ctx.i18n.locale),
    ])
    return ctx.inertia.render('crm/assignment/form', { rule, options })
  }

  async store(ctx: HttpContext) {
    return this.#save(ctx)
  }

  async update(ctx: HttpContext) {
    return this.#save(ctx, routeId(ctx))
  }

  async #save(ctx: HttpContext, ruleId?: number) {
    ctx.access.authorize(MANAGE)
    if (ruleId) await ruleValues(ctx.organization.id, ruleId) // another organization's: 404
    const data = await ctx.request.validateUsing(ruleValidator)
    return orBack(ctx, async () => {
      await saveRule({ organizationId: ctx.organization.id, ruleId, data })
      ctx.session.flash('success', ctx.i18n.t('crm.assignment.saved'))
      return ctx.response.redirect().toRoute('crm.assignment.rules.index')
    })
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    await deleteRule(ctx.organization.id, routeId(ctx))
    ctx.session.flash('success', ctx.i18n.t('crm.assignment.deleted'))
    return ctx.response.redirect().toRoute('crm.assignment.rules.index')
  }

  async move(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    const { direction } = await ctx.request.validateUsing(moveRuleValidator)
    await moveRule(ctx.organization.id, routeId(ctx), direction)
    return ctx.response.redirect().toRoute('crm.assignment.rules.index')
  }

  async fallback(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    const data = await ctx.request.validateUsing(fallbackValidator)
    await saveFallback(ctx.organization.id, data.fallbackUserId)
    ctx.session.flash('success', ctx.i18n.t('crm.assignment.fallback.saved'))
    return ctx.response.redirect().toRoute('crm.assignment.rules.index')
  }

  async dryRun(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    const [, parsed] = await dryRunValidator.tryValidate(ctx.request.qs())
    const result = await dryRun(ctx.organization.id, parsed?.days ?? 30)
    if (ctx.request.accepts(['html', 'json']) === 'json') return result
    return ctx.inertia.render('crm/assignment/dry_run', { result })
  }

  /** Re-runs the rules on an open lead the user may edit (its current owner aside). */
  async reassign(ctx: HttpContext) {
    ctx.access.authorize('crm.leads.edit')
    const leadId = routeId(ctx)
    const query = db
      .from('crm_leads')
      .where({ id: leadId, organization_id: ctx.organization.id })
      .whereNull('deleted_at')
      // A converted or disqualified lead keeps the owner it had when it was closed.
      .whereIn('status', ['new', 'working'])
      .select('id')
    await ctx.access.scope(query, 'crm.leads', { table: 'crm_leads', action: 'edit' })
    if (!(await query.first())) notFound()
    const [decision] = await db.transaction((trx) =>
      runAssignment(trx, ctx.organization.id, [leadId], {
        actorId: ctx.auth.getUserOrFail().id,
        includeOwned: true,
      })
    )
    if (ctx.request.accepts(['html', 'json']) === 'json') return { decision: decision ?? null }
    ctx.session.flash('success', ctx.i18n.t('crm.assignment.panel.reassigned'))
    return ctx.response.redirect().back()
  }
}
