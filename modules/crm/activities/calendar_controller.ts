import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { assignableOwners } from '#app/access/owners'
import { dbTimestamp } from '#app/support/dates'
import { ACTIVITIES, activityQuery, toActivityDtos } from './rows.js'
import { activityTypes } from './types.js'
import { rangeValidator } from './validators.js'
import { feedStatus, regenerateFeed, revokeFeed } from './feed.js'
import { readerZone } from './activities_controller.js'

/** At most this many activities in one calendar range (a month of a large team). */
const RANGE_MAX = 2000
const MINUTE = 60_000

/** The calendar page, its events by range, and the user's ICS feed. */
export default class CalendarController {
  async index(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.view`)
    const zone = readerZone(ctx)
    const [types, users, feed] = await Promise.all([
      activityTypes(ctx.organization.id, zone.locale),
      assignableOwners(ctx.access, ACTIVITIES, { activeOnly: true }),
      feedStatus(ctx.access.userId),
    ])
    return ctx.inertia.render('crm/activities/calendar', {
      types,
      users,
      feed,
      canCreate: ctx.access.can(`${ACTIVITIES}.create`),
      userId: ctx.access.userId,
      timeZone: zone.timeZone,
    })
  }

  /**
   * Activities overlapping [start, end) of one user (default the reader) or, with `user=team`,
   * of everyone in the reader's scope; out-of-scope assignees simply match nothing.
   */
  async events(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.view`)
    const { start, end, user } = await rangeValidator.validate(ctx.request.qs())
    const from = start as unknown as Date
    const to = end as unknown as Date
    const query = activityQuery()
    await ctx.access.scope(query, ACTIVITIES, { table: 'a', ownerColumn: 'assignee_id' })
    if (user !== 'team') query.where('a.assignee_id', Number(user) || ctx.access.userId)
    // Activities last at most two weeks: starting up to then before the range can overlap it.
    query
      .whereNot('a.status', 'cancelled')
      .where('a.due_at', '>=', dbTimestamp(new Date(from.getTime() - 14 * 1440 * MINUTE)))
      .where('a.due_at', '<', dbTimestamp(to))
      .orderBy('a.due_at')
      .orderBy('a.id')
      .limit(RANGE_MAX)
    const rows = await query
    const dtos = await toActivityDtos(ctx.access, rows, readerZone(ctx))
    return dtos
      .map((a) => ({
        ...a,
        end: new Date(new Date(a.dueAt).getTime() + a.durationMin * MINUTE).toISOString(),
      }))
      .filter((a) => new Date(a.end) > from || a.dueAt >= from.toISOString())
  }

  /** A new secret address (the old one stops working); shown once. */
  async regenerate(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.view`)
    const token = await regenerateFeed(ctx.organization.id, ctx.access.userId)
    const path = router.makeUrl('crm.calendar.feed_ics', {
      organization: ctx.organization.slug,
      token: `${token}.ics`,
    })
    return { url: `${ctx.request.protocol()}://${ctx.request.host()}${path}` }
  }

  async revoke(ctx: HttpContext) {
    ctx.access.authorize(`${ACTIVITIES}.view`)
    await revokeFeed(ctx.access.userId)
    return { ok: true }
  }
}
