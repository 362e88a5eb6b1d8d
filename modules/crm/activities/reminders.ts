import db from '@adonisjs/lucid/services/db'
import { notify } from '#app/notifications/notify'
import { installer } from '#app/registry/services'
import { DateTime } from 'luxon'
import { dbTimestamp, toDate } from '#app/support/dates'

/** Reminders sent per run (the schedule runs every minute); an object so tests can shrink it. */
export const REMINDER_LIMITS = { batch: 500 }

/**
 * Sends the reminders whose time has come: each activity is claimed by setting `reminded_at`
 * (only while it is still null) in the same transaction as its notification, so a reminder
 * goes out exactly once, whatever the number of workers or retries.
 */
export async function sendDueReminders(now: Date = new Date()): Promise<number> {
  const pending = () =>
    db
      .from('crm_activities')
      .where('status', 'open')
      .whereNull('reminded_at')
      .whereNotNull('remind_at')
      .where('remind_at', '<=', dbTimestamp(now))
      .whereNotNull('assignee_id')
  // Only organizations with the CRM enabled: their rows are never claimed, and left in the
  // batch they would crowd out everyone else's reminders for good.
  const orgs = await pending().distinct('organization_id')
  const enabled: number[] = []
  for (const { organization_id: id } of orgs)
    if ((await (await installer()).enabled(Number(id))).has('crm')) enabled.push(Number(id))
  if (!enabled.length) return 0
  const due = await pending()
    .whereIn('organization_id', enabled)
    .orderBy('remind_at')
    .limit(REMINDER_LIMITS.batch)
    .select('id', 'organization_id', 'assignee_id', 'title', 'due_at', 'all_day')
  const readers = new Map<number, { locale: string; timezone: string }>()
  for (const r of await db
    .from('users')
    .whereIn('id', [...new Set(due.map((d) => Number(d.assignee_id)))])
    .select('id', 'locale', 'timezone'))
    readers.set(Number(r.id), { locale: r.locale || 'es', timezone: r.timezone || 'Europe/Madrid' })
  let sent = 0
  for (const row of due) {
    const organizationId = Number(row.organization_id)
    await db.transaction(async (trx) => {
      const claimed = await trx
        .from('crm_activities')
        .where('id', row.id)
        .whereNull('reminded_at')
        .update({ reminded_at: dbTimestamp(now) })
      if (!Number(claimed)) return
      await notify(
        {
          organizationId,
          recipients: [Number(row.assignee_id)],
          kind: 'crm.activity_reminder',
          message: {
            key: 'crm.notifications.activity_reminder_when',
            params: {
              title: row.title,
              when: whenText(
                toDate(row.due_at),
                Boolean(row.all_day),
                readers.get(Number(row.assignee_id))
              ),
            },
          },
          link: `/crm/activities?focus=${row.id}`,
        },
        { trx }
      )
      sent++
    })
  }
  return sent
}

/**
 * When the activity is due, written for its one recipient (her language and time zone): the
 * kernel renders messages with plain values, and an ISO string given to an ICU date format
 * would not render at all (the mail job failed on it).
 */
function whenText(due: Date, allDay: boolean, reader?: { locale: string; timezone: string }) {
  const d = DateTime.fromJSDate(due)
    .setZone(reader?.timezone ?? 'Europe/Madrid')
    .setLocale(reader?.locale === 'en' ? 'en-GB' : 'es-ES')
  return d.toLocaleString(allDay ? DateTime.DATE_SHORT : DateTime.DATETIME_SHORT)
}
