import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { resolveOwner } from '#app/access/owners'
import { RuleError } from '#app/support/rule_error'
import { inTransaction } from '#app/support/db'
import { dbTimestamp, toDate } from '#app/support/dates'
import { recordHistory } from '#app/history/record_history'
import { checkAttendees, replaceAttendees } from './attendees.js'
import { ACTIVITIES, ACTIVITY_SUBJECT } from './rows.js'
import type { ActivityUpdate } from './validators.js'

const MINUTE = 60_000

/** Fields a done activity still takes: only its outcome note. */
const DONE_EDITABLE = new Set(['outcome'])

/**
 * Edits an activity the caller found in the user's edit scope (`row`). An open one takes any
 * field (type, subject line, notes, when, duration, assignee, attendees, reminder); a done one
 * only its outcome; a cancelled one nothing. Rescheduling moves the reminder with the due time
 * (same lead unless a new one is given) and arms it again when its new time is still ahead.
 * A reschedule or a reassignment also goes to the record's timeline.
 */
export async function updateActivity(params: {
  access: AccessContext
  organizationId: number
  actorId: number
  row: Record<string, any>
  data: ActivityUpdate
  now?: Date
  trx?: TransactionClientContract
}) {
  const { access, data, row } = params
  const now = params.now ?? new Date()
  return inTransaction(params.trx, async (trx) => {
    const given = Object.keys(data).filter((k) => (data as any)[k] !== undefined)
    if (row.status === 'cancelled') throw new RuleError('crm.activities.errors.not_open')
    if (row.status === 'done') {
      if (given.some((k) => !DONE_EDITABLE.has(k)))
        throw new RuleError('crm.activities.errors.done_locked')
      if (data.outcome === undefined) return { id: Number(row.id) }
      await trx
        .from('crm_activities')
        .where({ id: row.id, status: 'done' })
        .update({ outcome: data.outcome, updated_at: dbTimestamp(now) })
      await recordHistory.updated(
        subjectOf(params, ACTIVITY_SUBJECT, Number(row.id)),
        { outcome: row.outcome ?? null },
        { outcome: data.outcome },
        trx
      )
      return { id: Number(row.id) }
    }
    if (data.outcome !== undefined) throw new RuleError('crm.activities.errors.outcome_open')

    if (data.typeId !== undefined) {
      const type = await trx
        .from('crm_activity_types')
        .where({ organization_id: params.organizationId, id: data.typeId })
        .first()
      if (!type) throw new RuleError('crm.activities.errors.type', {}, 'typeId')
    }
    const currentAssignee = row.assignee_id === null ? null : Number(row.assignee_id)
    const assigneeId =
      data.assigneeId === undefined
        ? currentAssignee
        : await resolveOwner({
            access,
            resource: ACTIVITIES,
            requested: data.assigneeId,
            current: currentAssignee,
            action: 'edit',
            client: trx,
          }).catch((error) => {
            if (error instanceof RuleError) throw new RuleError(error.key, {}, 'assigneeId')
            throw error
          })

    const oldDue = toDate(row.due_at)
    const dueAt = (data.dueAt as unknown as Date | undefined) ?? oldDue
    const oldLead = row.remind_at
      ? Math.round((oldDue.getTime() - toDate(row.remind_at).getTime()) / MINUTE)
      : null
    const lead = data.remindMinutes === undefined ? oldLead : data.remindMinutes
    const remindAt = lead === null ? null : new Date(dueAt.getTime() - lead * MINUTE)
    const remindChanged =
      dueAt.getTime() !== oldDue.getTime() || lead !== oldLead || remindAt === null
    // A reminder moved to a time still ahead goes out again; one already past stays as it was.
    const remindedAt =
      remindChanged && remindAt && remindAt > now ? null : (row.reminded_at ?? null)

    const before = {
      name: row.title,
      typeId: Number(row.type_id),
      notes: row.notes ?? null,
      dueAt: oldDue.toISOString(),
      allDay: Boolean(row.all_day),
      durationMin: Number(row.duration_min),
      assigneeId: currentAssignee,
      remindMinutes: oldLead,
    }
    const after = {
      name: data.title ?? row.title,
      typeId: data.typeId ?? Number(row.type_id),
      notes: data.notes === undefined ? (row.notes ?? null) : data.notes,
      dueAt: dueAt.toISOString(),
      allDay: data.allDay ?? Boolean(row.all_day),
      durationMin: data.durationMin ?? Number(row.duration_min),
      assigneeId,
      remindMinutes: lead,
    }
    const changed = await trx
      .from('crm_activities')
      .where({ id: row.id, status: 'open' })
      .update({
        title: after.name,
        type_id: after.typeId,
        notes: after.notes,
        due_at: dbTimestamp(dueAt),
        all_day: after.allDay,
        duration_min: after.durationMin,
        assignee_id: assigneeId,
        remind_at: remindAt ? dbTimestamp(remindAt) : null,
        reminded_at: remindedAt,
        updated_at: dbTimestamp(now),
      })
    if (!Number(changed)) throw new RuleError('crm.activities.errors.not_open')

    if (data.attendeeUserIds !== undefined || data.attendeeContactIds !== undefined) {
      const current = await trx
        .from('crm_activity_attendees')
        .where('activity_id', row.id)
        .select('user_id', 'contact_id')
      const keptContacts = new Set(
        current.filter((c) => c.contact_id !== null).map((c) => Number(c.contact_id))
      )
      const requestedContacts = data.attendeeContactIds ?? [...keptContacts]
      // A contact already attending stays even when the editor cannot see it (it is shown to
      // her as "contacto no visible"); only new contacts must be within her scope.
      const checked = await checkAttendees(access, trx, {
        userIds:
          data.attendeeUserIds ??
          current.filter((c) => c.user_id !== null).map((c) => Number(c.user_id)),
        contactIds: requestedContacts.filter((id) => !keptContacts.has(id)),
      })
      await replaceAttendees(trx, params.organizationId, Number(row.id), {
        userIds: checked.userIds,
        contactIds: [...new Set(requestedContacts)],
      })
    }

    await recordHistory.updated(
      subjectOf(params, ACTIVITY_SUBJECT, Number(row.id)),
      before,
      after,
      trx
    )
    if (row.subject_type && row.subject_id) {
      const onRecord = subjectOf(params, row.subject_type, Number(row.subject_id))
      if (before.dueAt !== after.dueAt || before.allDay !== after.allDay)
        await recordHistory.event(
          onRecord,
          {
            kind: 'crm.activity_rescheduled',
            data: {
              activityId: Number(row.id),
              summary: after.name,
              from: before.dueAt,
              to: after.dueAt,
              allDay: after.allDay,
            },
          },
          trx
        )
      if (before.assigneeId !== after.assigneeId)
        await recordHistory.event(
          onRecord,
          {
            kind: 'crm.activity_reassigned',
            data: {
              activityId: Number(row.id),
              summary: after.name,
              fromId: before.assigneeId,
              toId: after.assigneeId,
            },
          },
          trx
        )
    }
    return { id: Number(row.id) }
  })
}

function subjectOf(
  params: { organizationId: number; actorId: number },
  subjectType: string,
  subjectId: number
) {
  return { organizationId: params.organizationId, actorId: params.actorId, subjectType, subjectId }
}
