import { createHash, randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import ical from 'ical-generator'
import { loadGrants } from '#app/access/scope_resolver'
import { dbTimestamp, toDate } from '#app/support/dates'
import { localDay } from './classify.js'
import { ACTIVITIES } from './rows.js'

const MINUTE = 60_000
/** How far back and ahead a feed reaches (calendar apps poll it every few hours). */
const PAST_DAYS = 90
const FUTURE_DAYS = 365
const FEED_MAX = 5000

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * A new secret feed address for the user: the previous one stops working. Only the hash is
 * stored; the token is returned once, to be shown in the page.
 */
export async function regenerateFeed(organizationId: number, userId: number): Promise<string> {
  const token = randomBytes(24).toString('base64url')
  await db.transaction(async (trx) => {
    await trx
      .from('crm_calendar_feeds')
      .where({ user_id: userId })
      .whereNull('revoked_at')
      .update({ revoked_at: dbTimestamp() })
    await trx.table('crm_calendar_feeds').insert({
      organization_id: organizationId,
      user_id: userId,
      token_hash: hash(token),
      created_at: dbTimestamp(),
    })
  })
  return token
}

/** Revokes the user's feed: its address answers 404 from now on. */
export async function revokeFeed(userId: number) {
  await db
    .from('crm_calendar_feeds')
    .where({ user_id: userId })
    .whereNull('revoked_at')
    .update({ revoked_at: dbTimestamp() })
}

/** Whether the user has a live feed, and since when. */
export async function feedStatus(userId: number): Promise<{ since: string | null }> {
  const row = await db
    .from('crm_calendar_feeds')
    .where({ user_id: userId })
    .whereNull('revoked_at')
    .orderBy('id', 'desc')
    .first()
  return { since: row ? toDate(row.created_at).toISOString() : null }
}

/**
 * The iCalendar text (RFC 5545) of the activities assigned to the feed's owner, or null when
 * the token is unknown, revoked or of another organization. Times are written in UTC (every
 * client converts them to its own zone); all-day activities as DATE values of the owner's
 * day. Record names are not written: a feed leaves the application's scopes behind.
 */
export async function feedIcs(
  organizationId: number,
  token: string,
  now: Date = new Date()
): Promise<string | null> {
  const feed = await db
    .from('crm_calendar_feeds as f')
    .join('users as u', 'u.id', 'f.user_id')
    .where('f.token_hash', hash(token))
    .where('f.organization_id', organizationId)
    .whereNull('f.revoked_at')
    .where('u.is_active', true)
    .select('f.user_id', 'u.full_name', 'u.timezone', 'u.locale')
    .first()
  if (!feed) return null
  // The address outlives the session: a user who lost the right to see activities stops too.
  const grants = await loadGrants(Number(feed.user_id))
  if (!grants.isAdmin && !grants.permissions.has(`${ACTIVITIES}.view`)) return null
  const timeZone = feed.timezone || 'Europe/Madrid'
  const rows = await db
    .from('crm_activities as a')
    .join('crm_activity_types as t', 't.id', 'a.type_id')
    .where('a.organization_id', organizationId)
    .where('a.assignee_id', feed.user_id)
    .whereNot('a.status', 'cancelled')
    .where('a.due_at', '>=', dbTimestamp(new Date(now.getTime() - PAST_DAYS * 1440 * MINUTE)))
    .where('a.due_at', '<', dbTimestamp(new Date(now.getTime() + FUTURE_DAYS * 1440 * MINUTE)))
    .orderBy('a.due_at')
    .limit(FEED_MAX)
    .select('a.*', 't.name_es', 't.name_en')
  const calendar = ical({
    name: `Cartera — ${feed.full_name}`,
    prodId: { company: 'Cartera', product: 'CRM', language: 'ES' },
    ttl: 60 * 60,
  })
  for (const r of rows) {
    const start = toDate(r.due_at)
    const typeName = feed.locale === 'en' ? r.name_en : r.name_es
    const common = {
      id: `activity-${r.id}@cartera`,
      stamp: toDate(r.updated_at),
      summary: `${typeName}: ${r.title}`,
      description: r.notes ?? undefined,
    }
    if (r.all_day) {
      // The owner's calendar day, as a DATE (written from the UTC parts of this instant).
      const day = new Date(`${localDay(start, timeZone)}T00:00:00Z`)
      calendar.createEvent({ ...common, start: day, allDay: true })
    } else {
      const end = new Date(start.getTime() + Math.max(Number(r.duration_min), 1) * MINUTE)
      calendar.createEvent({ ...common, start, end })
    }
  }
  return calendar.toString()
}
