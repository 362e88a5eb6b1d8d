import type { HttpContext } from '@adonisjs/core/http'
import { notFound, routeId, translateRule } from '#app/support/http'
import { RuleError } from '#app/support/rule_error'
import { organizationRoles } from '#app/access/roles'
import { clearFlags } from '#app/flags/record_flags'
import db from '@adonisjs/lucid/services/db'
import { activityTypeOptions } from '#modules/crm/contracts/index'
import { ALERT_KINDS, KIND_PARAMS } from './kinds.js'
import { createRule, deleteRule, findRule, listRules, setRuleEnabled, updateRule } from './rules.js'
import { checkedRule, ruleValidator } from './validators.js'
import { flagKey, resolveRuleAlerts } from './evaluate.js'
import type { AlertRulesPageProps } from '../dto/alerts.js'

const MANAGE = 'analytics.alerts.manage'

/** A business rule's refusal answers 422 `{ errors: [{ field, message }] }`, translated. */
async function jsonWrite<T>(ctx: HttpContext, work: () => Promise<T>) {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof RuleError)) throw error
    return ctx.response.status(422).send({
      errors: [
        { field: error.field ?? null, message: translateRule(ctx, error.key, error.values) },
      ],
    })
  }
}

/** Alertas › Reglas: list, create, edit, enable/disable and delete the alert rules. */
export default class AlertRulesController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    const org = ctx.organization.id
    const props: AlertRulesPageProps = {
      rules: await listRules(org),
      kinds: ALERT_KINDS.map((kind) => ({ kind, params: KIND_PARAMS[kind] })),
      roles: await organizationRoles(org),
      taskTypes: await activityTypeOptions(org, ctx.i18n.locale),
    }
    return ctx.inertia.render('analytics/alerts/rules', props)
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    const data = await ruleValidator.validate(ctx.request.body())
    return jsonWrite(ctx, async () => {
      const rule = await checkedRule(ctx.organization.id, data, ctx.i18n.locale)
      const id = await createRule(ctx.organization.id, rule, ctx.access.userId)
      return { id }
    })
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    const id = routeId(ctx)
    if (!(await findRule(ctx.organization.id, id))) notFound()
    const data = await ruleValidator.validate(ctx.request.body())
    return jsonWrite(ctx, async () => {
      const rule = await checkedRule(ctx.organization.id, data, ctx.i18n.locale)
      await updateRule(ctx.organization.id, id, rule)
      // A disabled rule raises nothing: what it raised is over.
      if (!rule.enabled) await resolveRuleAlerts(ctx.organization.id, id)
      return { id }
    })
  }

  async toggle(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    const rule = await findRule(ctx.organization.id, routeId(ctx))
    if (!rule) notFound()
    await setRuleEnabled(ctx.organization.id, rule.id, !rule.enabled)
    // Disabled: what it raised is over (alerts resolved, badges removed).
    if (rule.enabled) await resolveRuleAlerts(ctx.organization.id, rule.id)
    return { id: rule.id, enabled: !rule.enabled }
  }

  async destroy(ctx: HttpContext) {
    ctx.access.authorize(MANAGE)
    const rule = await findRule(ctx.organization.id, routeId(ctx))
    if (!rule) notFound()
    const alerts = await db
      .from('analytics_alerts')
      .where({ organization_id: ctx.organization.id, rule_id: rule.id })
      .select('id')
    await clearFlags(
      ctx.organization.id,
      alerts.map((a) => flagKey(Number(a.id)))
    )
    await deleteRule(ctx.organization.id, rule.id)
    return { ok: true }
  }
}
