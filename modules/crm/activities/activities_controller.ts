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
import { stopSeriesIfLastOpen, stopSeriesFrom } from './recurrences.js'
import { updateActivity } from './update_activity.js'
import { contactOptions } from './attendees.js'
import { remindDefault, saveRemindDefault } from './preferences.js'
import { jsonWrite } from '#app/support/json_write'
import { RuleError } from '#app/support/rule_error'
import { recordHistory } from '#app/history/record_history'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import {
  activityValidator,
  cancelValidator,
  completeValidator,
  listValidator,
  moveValidator,
  preferencesValidator,
  updateActivityValidator,
} from './validators.js'
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
    const [page, types, assignees, remind] = await Promise.all([
      listActivities(ctx.access, filters, zone),
      activityTypes(ctx.organization.id, zone.locale),
      assignableOwners(ctx.access, ACTIVITIES, { activeOnly: false }),
      remindDefault(ctx.access.userId),
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
      remindDefault: remind,
    })
  }

  /** "Preferencias de actividades" (the default reminder lead time), as JSON. */
  async preferences(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.view`)
    return { remindMinutes: await remindDefault(ctx.access.userId) }
  }

  async savePreferences(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.view`)
    const { remindMinutes } = await ctx.request.validateUsing(preferencesValidator)
    await saveRemindDefault(ctx.organization.id, ctx.access.userId, remindMinutes)
    return { remindMinutes, message: ctx.i18n.t('crm.activities.preferences.saved') }
  }

  /** Contacts to invite: the record's own first, then a search by name (reader's scope). */
  async contactOptions(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.view`)
    const qs = ctx.request.qs()
    const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 100) : undefined)
    const subjectType = text(qs.subjectType)
    return contactOptions(ctx.access, {
      subjectType: subjectType && /^crm\.[a-z_]{2,30}$/.test(subjectType) ? subjectType : undefined,
      subjectId: Number(qs.subjectId) || undefined,
      q: text(qs.q),
    })
  }

  /** Edits an activity (a done one: its outcome only). */
  async update(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.edit`)
    const row = (await visibleActivity(ctx.access, routeId(ctx), 'edit')) ?? notFound()
    const data = await ctx.request.validateUsing(updateActivityValidator)
    return jsonWrite(ctx, async () => {
      // An emptied subject line arrives as nothing: refuse it rather than keep the old one.
      const title = ctx.request.body().title
      if (title !== undefined && !String(title ?? '').trim())
        throw new RuleError('crm.activities.errors.title', {}, 'title')
      await updateActivity({ ...actor(ctx), row, data })
      return { ok: true, message: ctx.i18n.t('crm.activities.updated') }
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

  /**
   * Cancels an open activity (it stays, struck through, in history); with `series=following`
   * an occurrence of a series also cancels the open ones after it and stops the series.
   */
  async destroy(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.delete`)
    const row = (await visibleActivity(ctx.access, routeId(ctx), 'delete')) ?? notFound()
    const { series } = await cancelValidator.validate(ctx.request.qs())
    const { organizationId, actorId } = actor(ctx)
    if (series === 'following' && row.recurrence_id !== null) {
      // The series stops only when it is the user's to cancel; else just her occurrences go.
      const { cancelled, stopped } = await stopSeriesFrom({ access: ctx.access, actorId, row })
      return { ok: true, cancelled, stopped }
    }
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
