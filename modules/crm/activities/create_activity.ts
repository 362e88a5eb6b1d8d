import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { resolveOwner } from '#app/access/owners'
import { RuleError } from '#app/support/rule_error'
import { inTransaction, insertId } from '#app/support/db'
import { dbTimestamp } from '#app/support/dates'
import { nextOccurrence, occurrenceKey } from './recurrences.js'
import { insertActivity } from './insert_activity.js'
import { subjectVisible } from './subjects.js'
import { checkAttendees } from './attendees.js'
import { remindDefault } from './preferences.js'
import { ACTIVITIES } from './rows.js'
import type { ActivityData } from './validators.js'

const MINUTE = 60_000

/**
 * Plans an activity: on a record the user may see (any CRM record type, resolved through
 * `crmSubject`), for an assignee she may give activities to, with attendees among the
 * organization's users and the contacts she may see (others are refused), reminded at her
 * chosen lead time unless the form says otherwise. Written with its history (the record's
 * timeline says "planned").
 */
export async function createActivity(params: {
  access: AccessContext
  organizationId: number
  actorId: number
  data: ActivityData
  trx?: TransactionClientContract
}) {
  const { access, data } = params
  return inTransaction(params.trx, async (trx) => {
    const type = await trx
      .from('crm_activity_types')
      .where({ organization_id: params.organizationId, id: data.typeId })
      .first()
    if (!type) throw new RuleError('crm.activities.errors.type', {}, 'typeId')
    if (data.subjectType && data.subjectId) {
      const ok = await subjectVisible(access, data.subjectType, data.subjectId, 'view', trx)
      if (!ok) throw new RuleError('crm.activities.errors.subject', {}, 'subjectId')
    }
    const assigneeId = await resolveOwner({
      access,
      resource: ACTIVITIES,
      requested: data.assigneeId,
      action: 'create',
      client: trx,
    }).catch((error) => {
      if (error instanceof RuleError) throw new RuleError(error.key, {}, 'assigneeId')
      throw error
    })
    const attendees = await checkAttendees(access, trx, {
      userIds: data.attendeeUserIds,
      contactIds: data.attendeeContactIds,
    })
    const allDay = data.allDay ?? false
    // No lead time in the form: the planner's own default ("Preferencias de actividades").
    const remind =
      data.remindMinutes === undefined
        ? await remindDefault(params.actorId, trx)
        : data.remindMinutes
    const dueAt = data.dueAt as unknown as Date
    const durationMin = data.durationMin ?? Number(type.default_duration_min)
    let recurrenceId: number | null = null
    if (data.recurrence) {
      if (!data.subjectType || !data.subjectId)
        throw new RuleError('crm.activities.errors.recurrence_subject', {}, 'subjectId')
      const interval = data.recurrence.interval ?? 1
      const until = (data.recurrence.until as unknown as Date | null | undefined) ?? null
      const now = dbTimestamp()
      recurrenceId = await insertId(trx, 'crm_activity_recurrences', {
        organization_id: params.organizationId,
        type_id: Number(type.id),
        subject_type: data.subjectType,
        subject_id: data.subjectId,
        title: data.title,
        assignee_id: assigneeId,
        frequency: data.recurrence.frequency,
        interval,
        until: until ? dbTimestamp(until) : null,
        // The first occurrence is this activity; the schedule creates the following ones.
        next_due_at: dbTimestamp(nextOccurrence(dueAt, data.recurrence.frequency, interval)),
        all_day: allDay,
        duration_min: durationMin,
        active: true,
        created_by: params.actorId,
        created_at: now,
        updated_at: now,
      })
    }
    return insertActivity(trx, {
      recurrenceId,
      ruleKey: recurrenceId ? occurrenceKey(recurrenceId, dueAt) : null,
      organizationId: params.organizationId,
      actorId: params.actorId,
      typeId: Number(type.id),
      subjectType: data.subjectType ?? null,
      subjectId: data.subjectId ?? null,
      title: data.title,
      notes: data.notes ?? null,
      dueAt,
      allDay,
      durationMin,
      assigneeId,
      remindAt: remind === null ? null : new Date(dueAt.getTime() - remind * MINUTE),
      attendeeUserIds: attendees.userIds,
      attendeeContactIds: attendees.contactIds,
    })
  })
}
