import db from '@adonisjs/lucid/services/db'
import { notify } from '#app/notifications/notify'
import { installer } from '#app/registry/services'
import { dbTimestamp, toDate } from '#app/support/dates'

/** Reminders sent per run (the schedule runs every minute). */
const BATCH = 500

/**
 * Sends the reminders whose time has come: each activity is claimed by setting `reminded_at`
 * (only while it is still null) in the same transaction as its notification, so a reminder
 * goes out exactly once, whatever the number of workers or retries.
 */
export async function sendDueReminders(now: Date = new Date()): Promise<number> {
  const due = await db
    .from('crm_activities')
    .where('status', 'open')
    .whereNull('reminded_at')
    .whereNotNull('remind_at')
    .where('remind_at', '<=', dbTimestamp(now))
    .whereNotNull('assignee_id')
    .orderBy('remind_at')
    .limit(BATCH)
    .select('id', 'organization_id', 'assignee_id', 'title', 'due_at', 'all_day')
  const enabled = new Map<number, boolean>()
  let sent = 0
  for (const row of due) {
    const organizationId = Number(row.organization_id)
    if (!enabled.has(organizationId))
      enabled.set(organizationId, (await (await installer()).enabled(organizationId)).has('crm'))
    if (!enabled.get(organizationId)) continue
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
            key: 'crm.notifications.activity_reminder_message',
            params: { title: row.title, at: toDate(row.due_at).toISOString() },
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
