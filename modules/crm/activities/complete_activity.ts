import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp, toDate } from '#app/support/dates'
import { inTransaction } from '#app/support/db'
import { RuleError } from '#app/support/rule_error'
import { recordHistory } from '#app/history/record_history'
import { insertActivity } from './insert_activity.js'
import { ACTIVITY_SUBJECT } from './rows.js'

const DAY = 86_400_000

/**
 * Marks an open activity done with an outcome note. When its type chains to a next type (a
 * call → a follow-up task in 2 days), that activity is planned on the same record for the same
 * assignee, at the same time of day, and returned so the page can show it.
 * The row is re-read under its status (`status = 'open'` in the UPDATE): a double click does not
 * chain twice.
 */
export async function completeActivity(params: {
  organizationId: number
  actorId: number
  activityId: number
  outcome: string | null
  scheduleNext?: boolean
  now?: Date
  trx?: TransactionClientContract
}): Promise<{ nextId: number | null }> {
  return inTransaction(params.trx, async (trx) => {
    const now = params.now ?? new Date()
    const row = await trx
      .from('crm_activities')
      .where({ organization_id: params.organizationId, id: params.activityId })
      .first()
    if (!row) throw new RuleError('crm.activities.errors.missing')
    const changed = await trx
      .from('crm_activities')
      .where({ id: row.id, status: 'open' })
      .update({
        status: 'done',
        done_at: dbTimestamp(now),
        outcome: params.outcome,
        updated_at: dbTimestamp(now),
      })
    if (!Number(changed)) throw new RuleError('crm.activities.errors.not_open')
    const base = { organizationId: params.organizationId, actorId: params.actorId }
    await recordHistory.updated(
      { ...base, subjectType: ACTIVITY_SUBJECT, subjectId: Number(row.id) },
      { status: 'open', outcome: null },
      { status: 'done', outcome: params.outcome },
      trx
    )
    if (row.subject_type && row.subject_id)
      await recordHistory.event(
        { ...base, subjectType: row.subject_type, subjectId: Number(row.subject_id) },
        {
          kind: 'crm.activity_done',
          data: { activityId: Number(row.id), title: row.title, outcome: params.outcome },
        },
        trx
      )
    if (params.scheduleNext === false) return { nextId: null }
    const type = await trx.from('crm_activity_types').where('id', row.type_id).first()
    if (!type?.next_type_id) return { nextId: null }
    const next = await trx.from('crm_activity_types').where('id', type.next_type_id).first()
    if (!next) return { nextId: null }
    const delay = Number(type.next_delay_days ?? next.default_delay_days ?? 0)
    // From today (not from the old due date): an overdue call done today is followed up later.
    const due = sameTimeOfDay(toDate(row.due_at), new Date(now.getTime() + delay * DAY))
    const created = await insertActivity(trx, {
      organizationId: params.organizationId,
      actorId: params.actorId,
      typeId: Number(next.id),
      subjectType: row.subject_type,
      subjectId: row.subject_id === null ? null : Number(row.subject_id),
      title: row.title,
      dueAt: due,
      allDay: Boolean(row.all_day),
      durationMin: Number(next.default_duration_min),
      assigneeId: row.assignee_id === null ? null : Number(row.assignee_id),
      remindAt: row.remind_at
        ? new Date(due.getTime() - (toDate(row.due_at).getTime() - toDate(row.remind_at).getTime()))
        : null,
    })
    return { nextId: created?.id ?? null }
  })
}

/** `day`'s date with `time`'s UTC hours and minutes. */
function sameTimeOfDay(time: Date, day: Date): Date {
  const d = new Date(day)
  d.setUTCHours(time.getUTCHours(), time.getUTCMinutes(), 0, 0)
  return d
}
