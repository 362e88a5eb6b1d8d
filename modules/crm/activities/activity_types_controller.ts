import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { notFound, routeId } from '#app/support/http'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { ACTIVITIES } from './rows.js'
import { activityTypes } from './types.js'
import { typeValidator } from './validators.js'
import { jsonWrite } from '#app/support/json_write'

type TypeData = Awaited<ReturnType<typeof typeValidator.validate>>

/** CRM › Tipos de actividad: the organization's types, their icon, delays and chaining. */
export default class ActivityTypesController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.configure`)
    return ctx.inertia.render('crm/activities/types', {
      types: await activityTypes(ctx.organization.id, ctx.i18n.locale, { all: true }),
    })
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.configure`)
    const data = await ctx.request.validateUsing(typeValidator)
    return jsonWrite(ctx, async () => {
      await checkNext(ctx.organization.id, data.nextTypeId ?? null)
      const now = dbTimestamp()
      const last = await db
        .from('crm_activity_types')
        .where('organization_id', ctx.organization.id)
        .max('position as p')
        .first()
      await db.table('crm_activity_types').insert({
        organization_id: ctx.organization.id,
        // Random bytes too: two types created in the same millisecond must not collide.
        code: `custom_${Date.now().toString(36)}_${randomBytes(6).toString('hex')}`,
        ...columns(data),
        position: Number(last?.p ?? 0) + 1,
        created_at: now,
        updated_at: now,
      })
      return { ok: true }
    })
  }

  async update(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.configure`)
    const id = routeId(ctx)
    const row = await db
      .from('crm_activity_types')
      .where({ organization_id: ctx.organization.id, id })
      .first()
    if (!row) notFound()
    const data = await ctx.request.validateUsing(typeValidator)
    return jsonWrite(ctx, async () => {
      if (data.nextTypeId === id)
        throw new RuleError('crm.activity_types.errors.self', {}, 'nextTypeId')
      await checkNext(ctx.organization.id, data.nextTypeId ?? null)
      await db
        .from('crm_activity_types')
        .where('id', id)
        .update({ ...columns(data), updated_at: dbTimestamp() })
      return { ok: true }
    })
  }
}

function columns(data: TypeData) {
  return {
    name_es: data.nameEs,
    name_en: data.nameEn,
    icon: data.icon,
    color: data.color,
    default_delay_days: data.defaultDelayDays,
    default_duration_min: data.defaultDurationMin,
    next_type_id: data.nextTypeId ?? null,
    next_delay_days: data.nextTypeId ? (data.nextDelayDays ?? data.defaultDelayDays) : null,
    active: data.active ?? true,
  }
}

async function checkNext(organizationId: number, nextTypeId: number | null) {
  if (nextTypeId === null) return
  const next = await db
    .from('crm_activity_types')
    .where({ organization_id: organizationId, id: nextTypeId })
    .first()
  if (!next) throw new RuleError('crm.activity_types.errors.next', {}, 'nextTypeId')
}
