import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import vine from '@vinejs/vine'
import { notFound, routeId } from '#app/support/http'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { ACTIVITIES } from './rows.js'
import { activityTypes } from './types.js'
import { jsonWrite } from '#app/support/json_write'
import { TRIGGERS } from './task_rules.js'

const ruleValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(120),
    trigger: vine.enum(TRIGGERS),
    stageId: vine.number().withoutDecimals().positive().nullable().optional(),
    days: vine.number().withoutDecimals().min(0).max(365).nullable().optional(),
    hours: vine
      .number()
      .withoutDecimals()
      .min(1)
      .max(24 * 30)
      .nullable()
      .optional(),
    typeId: vine.number().withoutDecimals().positive().nullable().optional(),
    title: vine.string().trim().maxLength(200).nullable().optional(),
    active: vine.boolean().optional(),
  })
)
type RuleData = Awaited<ReturnType<typeof ruleValidator.validate>>

/** CRM › Tareas automáticas: rules that plan activities on events and conditions. */
export default class TaskRulesController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.configure`)
    const org = ctx.organization.id
    const [rules, types, stages] = await Promise.all([
      db.from('crm_task_rules').where('organization_id', org).orderBy('position').orderBy('id'),
      activityTypes(org, ctx.i18n.locale),
      db
        .from('crm_pipeline_stages')
        .where('organization_id', org)
        .orderBy('position')
        .select('id', 'name'),
    ])
    return ctx.inertia.render('crm/activities/rules', {
      rules: rules.map((r) => ({
        id: Number(r.id),
        name: r.name,
        trigger: r.trigger,
        stageId: r.stage_id === null ? null : Number(r.stage_id),
        days: r.days,
        hours: r.hours,
        typeId: r.type_id === null ? null : Number(r.type_id),
        title: r.title,
        active: Boolean(r.active),
      })),
      types: types.map((x) => ({ value: String(x.id), label: x.name })),
      stages: stages.map((s) => ({ value: String(s.id), label: s.name })),
    })
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.configure`)
    const data = await ctx.request.validateUsing(ruleValidator)
    return jsonWrite(ctx, async () => {
      await check(ctx.organization.id, data)
      const now = dbTimestamp()
      await db.table('crm_task_rules').insert({
        organization_id: ctx.organization.id,
        ...columns(data),
        position: 0,
        created_at: now,
        updated_at: now,
      })
      return { ok: true }
    })
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.configure`)
    const rule = await db
      .from('crm_task_rules')
      .where({ organization_id: ctx.organization.id, id: routeId(ctx) })
      .first()
    if (!rule) notFound()
    const data = await ctx.request.validateUsing(ruleValidator)
    return jsonWrite(ctx, async () => {
      await check(ctx.organization.id, data)
      await db
        .from('crm_task_rules')
        .where('id', rule.id)
        .update({ ...columns(data), updated_at: dbTimestamp() })
      return { ok: true }
    })
  }
}

function columns(data: RuleData) {
  return {
    name: data.name,
    trigger: data.trigger,
    stage_id: data.trigger === 'opportunity_stage_entered' ? (data.stageId ?? null) : null,
    days: data.days ?? null,
    hours: data.hours ?? null,
    type_id: data.typeId ?? null,
    title: data.title ?? null,
    active: data.active ?? true,
  }
}

/** The stage and the type must be the organization's own. */
async function check(organizationId: number, data: RuleData) {
  if (data.trigger === 'opportunity_stage_entered') {
    const stage = data.stageId
      ? await db
          .from('crm_pipeline_stages')
          .where({ organization_id: organizationId, id: data.stageId })
          .first()
      : null
    if (!stage) throw new RuleError('crm.task_rules.errors.stage', {}, 'stageId')
  }
  if (data.typeId) {
    const type = await db
      .from('crm_activity_types')
      .where({ organization_id: organizationId, id: data.typeId })
      .first()
    if (!type) throw new RuleError('crm.activities.errors.type', {}, 'typeId')
  }
}
