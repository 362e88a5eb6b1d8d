import type { HttpContext } from '@adonisjs/core/http'
import { actor, notFound, routeId } from '#app/support/http'
import { assignableOwners } from '#app/access/owners'
import { ACTIVITIES } from './rows.js'
import { activityTypes } from './types.js'
import { listActivities } from './list_activities.js'
import { createActivity } from './create_activity.js'
import { completeActivity } from './complete_activity.js'
import { moveActivity } from './move_activity.js'
import { visibleActivity } from './load_activity.js'
import { stopSeriesIfLastOpen } from './recurrences.js'
import { jsonWrite } from './respond.js'
import { recordHistory } from '#app/history/record_history'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { activityValidator, completeValidator, listValidator, moveValidator } from './validators.js'
import { ACTIVITY_SUBJECT, activityQuery, toActivityDtos } from './rows.js'

/** The reader's language and time zone (periods and colours are days of her zone). */
export function readerZone(ctx: HttpContext) {
  const user = ctx.auth.getUserOrFail()
  return { locale: ctx.i18n.locale, timeZone: user.timezone || 'Europe/Madrid' }
}

/** Thin: permission (403) → scope (404) → validate → one action → JSON or a page. */
export default class ActivitiesController {
  /** "Mis actividades". */
  async index(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.view`)
    const [, parsed] = await listValidator.tryValidate(ctx.request.qs())
    const filters = parsed ?? {}
    const zone = readerZone(ctx)
    // "Ver más": the next page alone, as JSON.
    if (ctx.request.input('format') === 'json') {
      const more = await listActivities(ctx.access, filters, zone)
      return { activities: more.rows, next: more.next }
    }
    const [page, types, assignees] = await Promise.all([
      listActivities(ctx.access, filters, zone),
      activityTypes(ctx.organization.id, zone.locale),
      assignableOwners(ctx.access, ACTIVITIES, { activeOnly: false }),
    ])
    return ctx.inertia.render('crm/activities/index', {
      activities: page.rows,
      next: page.next,
      filters: {
        type: filters.type ? String(filters.type) : '',
        status: filters.status ?? 'open',
        period: filters.period ?? 'all',
        assignee: filters.assignee ?? String(ctx.access.userId),
        cursor: filters.cursor ?? null,
      },
      types,
      assignees,
      canCreate: ctx.access.can(`${ACTIVITIES}.create`),
      userId: ctx.access.userId,
    })
  }

  /** One activity as JSON (404 out of scope). */
  async show(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.view`)
    const row = (await visibleActivity(ctx.access, routeId(ctx))) ?? notFound()
    const rows = await activityQuery().where('a.id', row.id)
    const [dto] = await toActivityDtos(ctx.access, rows, readerZone(ctx))
    return dto
  }

  async store(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.create`)
    const data = await ctx.request.validateUsing(activityValidator)
    return jsonWrite(ctx, async () => {
      const created = await createActivity({ ...actor(ctx), data })
      return { id: created!.id, message: ctx.i18n.t('crm.activities.created') }
    })
  }

  /** Marks done with an outcome; says which activity the type's chaining planned next. */
  async complete(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.edit`)
    const row = (await visibleActivity(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const { outcome, scheduleNext } = await ctx.request.validateUsing(completeValidator)
    return jsonWrite(ctx, async () => {
      const { organizationId, actorId } = actor(ctx)
      const { nextId } = await completeActivity({
        organizationId,
        actorId,
        activityId: Number(row.id),
        outcome: outcome ?? null,
        scheduleNext,
      })
      let next = null
      if (nextId) {
        const rows = await activityQuery().where('a.id', nextId)
        next = (await toActivityDtos(ctx.access, rows, readerZone(ctx)))[0] ?? null
      }
      return { ok: true, next, message: ctx.i18n.t('crm.activities.completed') }
    })
  }

  /** A drag or resize on the calendar. */
  async move(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.edit`)
    const row = (await visibleActivity(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const data = await ctx.request.validateUsing(moveValidator)
    return jsonWrite(ctx, async () => {
      const { organizationId, actorId } = actor(ctx)
      await moveActivity({
        organizationId,
        actorId,
        row,
        dueAt: data.dueAt as unknown as Date,
        allDay: data.allDay,
        durationMin: data.durationMin,
      })
      return { ok: true }
    })
  }

  /** Cancels an open activity (it stays, struck through, in history). */
  async destroy(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.delete`)
    const row = (await visibleActivity(ctx.access, routeId(ctx), 'delete')) ?? notFound()
    const { organizationId, actorId } = actor(ctx)
    await db.transaction(async (trx) => {
      // Only an open one: a done activity stays done.
      const changed = await trx
        .from('crm_activities')
        .where({ id: row.id, status: 'open' })
        .update({ status: 'cancelled', updated_at: dbTimestamp() })
      if (!Number(changed)) return
      await recordHistory.updated(
        { organizationId, actorId, subjectType: ACTIVITY_SUBJECT, subjectId: Number(row.id) },
        { status: row.status },
        { status: 'cancelled' },
        trx
      )
      await stopSeriesIfLastOpen(trx, row.recurrence_id === null ? null : Number(row.recurrence_id))
    })
    return { ok: true }
  }
}
