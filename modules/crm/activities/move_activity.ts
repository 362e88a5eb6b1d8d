import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp, toDate } from '#app/support/dates'
import { inTransaction } from '#app/support/db'
import { recordHistory } from '#app/history/record_history'
import { ACTIVITY_SUBJECT } from './rows.js'

const MINUTE = 60_000

/**
 * Moves (and resizes) an activity: a drag on the calendar. The reminder keeps its lead time
 * and is sent again for the new time when that time is still ahead; a new date goes to the
 * record's timeline ("cambió la fecha de una actividad").
 */
export async function moveActivity(params: {
  organizationId: number
  actorId: number
  row: Record<string, any>
  dueAt: Date
  allDay?: boolean
  durationMin?: number
  trx?: TransactionClientContract
}) {
  const { row } = params
  return inTransaction(params.trx, async (trx) => {
    const oldDue = toDate(row.due_at)
    const lead = row.remind_at ? oldDue.getTime() - toDate(row.remind_at).getTime() : null
    const remindAt = lead === null ? null : new Date(params.dueAt.getTime() - lead)
    const moved = params.dueAt.getTime() !== oldDue.getTime()
    const after = {
      due_at: dbTimestamp(params.dueAt),
      all_day: params.allDay ?? Boolean(row.all_day),
      duration_min: params.durationMin ?? Number(row.duration_min),
      remind_at: remindAt ? dbTimestamp(remindAt) : null,
      reminded_at: moved && remindAt && remindAt > new Date() ? null : (row.reminded_at ?? null),
      updated_at: dbTimestamp(),
    }
    await trx.from('crm_activities').where('id', row.id).update(after)
    await recordHistory.updated(
      {
        organizationId: params.organizationId,
        actorId: params.actorId,
        subjectType: ACTIVITY_SUBJECT,
        subjectId: Number(row.id),
      },
      { dueAt: oldDue.toISOString(), durationMin: Number(row.duration_min) },
      { dueAt: params.dueAt.toISOString(), durationMin: after.duration_min },
      trx
    )
    if (moved && row.subject_type && row.subject_id)
      await recordHistory.event(
        {
          organizationId: params.organizationId,
          actorId: params.actorId,
          subjectType: row.subject_type,
          subjectId: Number(row.subject_id),
        },
        {
          kind: 'crm.activity_rescheduled',
          data: {
            activityId: Number(row.id),
            summary: row.title,
            from: oldDue.toISOString(),
            to: params.dueAt.toISOString(),
            allDay: after.all_day,
          },
        },
        trx
      )
    return { id: Number(row.id), minutes: (params.dueAt.getTime() - oldDue.getTime()) / MINUTE }
  })
}
