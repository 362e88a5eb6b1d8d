import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { insertId, isUniqueViolation } from '#app/support/db'
import { recordHistory } from '#app/history/record_history'
import { ACTIVITY_SUBJECT } from './rows.js'

/** An activity as written (checks done by the caller: a user's form, a rule, a recurrence). */
export interface NewActivity {
  organizationId: number
  /** Who plans it (null: a schedule). */
  actorId: number | null
  typeId: number
  subjectType: string | null
  subjectId: number | null
  title: string
  notes?: string | null
  dueAt: Date
  allDay: boolean
  durationMin: number
  assigneeId: number | null
  remindAt?: Date | null
  recurrenceId?: number | null
  /** Machine-made activities only: unique per organization (never created twice). */
  ruleKey?: string | null
  attendeeUserIds?: number[]
  attendeeContactIds?: number[]
}

export { isUniqueViolation }

/**
 * Writes an activity, its attendees and its history: an audit entry for the activity and a
 * "planned" entry on its record's timeline. With a `ruleKey` already used in the organization
 * nothing is written and the result is null (the unique index decides, not a prior read, so
 * two workers cannot both create it).
 */
export async function insertActivity(
  trx: TransactionClientContract,
  a: NewActivity
): Promise<{ id: number } | null> {
  const now = dbTimestamp()
  let id: number
  try {
    id = await insertId(trx, 'crm_activities', {
      organization_id: a.organizationId,
      type_id: a.typeId,
      subject_type: a.subjectType,
      subject_id: a.subjectId,
      title: a.title,
      notes: a.notes ?? null,
      due_at: dbTimestamp(a.dueAt),
      all_day: a.allDay,
      duration_min: a.durationMin,
      assignee_id: a.assigneeId,
      status: 'open',
      remind_at: a.remindAt ? dbTimestamp(a.remindAt) : null,
      recurrence_id: a.recurrenceId ?? null,
      rule_key: a.ruleKey ?? null,
      created_by: a.actorId,
      created_at: now,
      updated_at: now,
    })
  } catch (error) {
    if (a.ruleKey && isUniqueViolation(error)) return null
    throw error
  }
  const attendees = [
    ...(a.attendeeUserIds ?? []).map((userId) => ({ user_id: userId, contact_id: null })),
    ...(a.attendeeContactIds ?? []).map((contactId) => ({ user_id: null, contact_id: contactId })),
  ]
  if (attendees.length)
    await trx
      .table('crm_activity_attendees')
      .multiInsert(
        attendees.map((row) => ({ organization_id: a.organizationId, activity_id: id, ...row }))
      )
  const base = { organizationId: a.organizationId, actorId: a.actorId }
  await recordHistory.created(
    { ...base, subjectType: ACTIVITY_SUBJECT, subjectId: id },
    {
      name: a.title,
      typeId: a.typeId,
      dueAt: a.dueAt.toISOString(),
      assigneeId: a.assigneeId,
      subject: a.subjectType ? `${a.subjectType}:${a.subjectId}` : null,
    },
    trx
  )
  if (a.subjectType && a.subjectId)
    await recordHistory.event(
      { ...base, subjectType: a.subjectType, subjectId: a.subjectId },
      {
        kind: 'crm.activity_planned',
        data: { activityId: id, title: a.title, dueAt: a.dueAt.toISOString(), allDay: a.allDay },
      },
      trx
    )
  return { id }
}
