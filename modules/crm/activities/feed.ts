import { createHash, randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import ical from 'ical-generator'
import { loadGrants } from '#app/access/scope_resolver'
import { dbTimestamp, toDate } from '#app/support/dates'
import { localDay } from './classify.js'
import { AccessContext } from '#app/access/access_context'
import { fullName } from '../support/people.js'
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
  const attendees = await feedAttendees(
    { id: Number(feed.user_id), organizationId },
    rows.map((r) => Number(r.id))
  )
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
      attendees: attendees.get(Number(r.id)) ?? [],
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

/**
 * Each activity's attendees with an e-mail address, as ATTENDEE lines (CN and mailto): users
 * of the organization, and contacts only when the feed's owner may see them (the feed must not
 * reveal a contact beyond her scope). Attendees without an address are left out (an ATTENDEE
 * is a calendar address).
 */
async function feedAttendees(
  owner: { id: number; organizationId: number },
  activityIds: number[]
): Promise<Map<number, { name: string; email: string }[]>> {
  const out = new Map<number, { name: string; email: string }[]>()
  if (!activityIds.length) return out
  const rows: Record<string, any>[] = []
  for (let i = 0; i < activityIds.length; i += 500)
    rows.push(
      ...(await db
        .from('crm_activity_attendees as t')
        .leftJoin('users as u', 'u.id', 't.user_id')
        .whereIn('t.activity_id', activityIds.slice(i, i + 500))
        .orderBy('t.id')
        .select('t.activity_id', 't.user_id', 't.contact_id', 'u.full_name', 'u.email'))
    )
  const contactIds = [
    ...new Set(rows.filter((r) => r.contact_id !== null).map((r) => Number(r.contact_id))),
  ]
  const contacts = new Map<number, { name: string; email: string }>()
  if (contactIds.length) {
    const access = await AccessContext.forUser(owner)
    if (access.can('crm.contacts.view'))
      for (let i = 0; i < contactIds.length; i += 500) {
        const query = db
          .from('crm_contacts as c')
          .whereIn('c.id', contactIds.slice(i, i + 500))
          .whereNull('c.deleted_at')
          .select('c.id', 'c.first_name', 'c.last_name')
        await access.scope(query, 'crm.contacts', { table: 'c' })
        const visible = await query
        if (!visible.length) continue
        const emails = await db
          .from('crm_emails')
          .whereIn(
            'contact_id',
            visible.map((c) => Number(c.id))
          )
          .orderBy('is_primary', 'desc')
          .orderBy('position')
          .orderBy('id')
          .select('contact_id', 'value')
        const first = new Map<number, string>()
        for (const e of emails)
          if (!first.has(Number(e.contact_id))) first.set(Number(e.contact_id), e.value)
        for (const c of visible) {
          const email = first.get(Number(c.id))
          if (email)
            contacts.set(Number(c.id), { name: fullName(c.first_name, c.last_name), email })
        }
      }
  }
  for (const r of rows) {
    const who =
      r.user_id !== null
        ? r.email
          ? { name: r.full_name ?? r.email, email: r.email }
          : null
        : (contacts.get(Number(r.contact_id)) ?? null)
    if (!who) continue
    const id = Number(r.activity_id)
    if (!out.has(id)) out.set(id, [])
    out.get(id)!.push(who)
  }
  return out
}
