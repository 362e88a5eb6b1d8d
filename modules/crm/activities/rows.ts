import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { toDate, toIso } from '#app/support/dates'
import { dueClass } from './classify.js'
import { nameSubjects } from './subjects.js'
import { attendeesOf } from './attendees.js'
import type { ActivityDto, ActivityStatus } from '../dto/activities.js'

export const ACTIVITIES = 'crm.activities'
export const ACTIVITY_SUBJECT = 'crm.activity'

/** The columns every activity DTO is made of (activity `a`, type `t`, assignee `u`). */
export const ACTIVITY_COLUMNS = [
  'a.id',
  'a.type_id',
  'a.subject_type',
  'a.subject_id',
  'a.title',
  'a.notes',
  'a.due_at',
  'a.all_day',
  'a.duration_min',
  'a.assignee_id',
  'a.status',
  'a.done_at',
  'a.outcome',
  'a.remind_at',
  'a.recurrence_id',
  't.name_es as type_name_es',
  't.name_en as type_name_en',
  't.icon as type_icon',
  't.color as type_color',
  'u.full_name as assignee_name',
]

/** A query over activities with their type and assignee joined (no scope yet). */
export function activityQuery(client = db) {
  return client
    .from('crm_activities as a')
    .join('crm_activity_types as t', 't.id', 'a.type_id')
    .leftJoin('users as u', 'u.id', 'a.assignee_id')
    .select(ACTIVITY_COLUMNS)
}

/**
 * Rows → DTOs for one reader: due class in her time zone, the records named only when she may
 * see them, and whether she may edit each (her edit scope on the assignee).
 */
export async function toActivityDtos(
  access: AccessContext,
  rows: Record<string, any>[],
  options: { locale: string; timeZone: string; now?: Date }
): Promise<ActivityDto[]> {
  const subjects = await nameSubjects(
    access,
    rows.map((r) => ({
      type: r.subject_type,
      id: r.subject_id === null ? null : Number(r.subject_id),
    }))
  )
  const attendees = await attendeesOf(
    access,
    rows.map((r) => Number(r.id))
  )
  const edit = await access.constraint(ACTIVITIES, 'edit')
  const mayEdit = (assignee: number | null) =>
    edit.kind === 'all' ||
    (edit.kind === 'owners' && assignee !== null && edit.ownerIds.includes(assignee))
  return rows.map((r) => {
    const assigneeId = r.assignee_id === null ? null : Number(r.assignee_id)
    const status = r.status as ActivityStatus
    const dueAt = toDate(r.due_at)
    const allDay = Boolean(r.all_day)
    return {
      id: Number(r.id),
      typeId: Number(r.type_id),
      typeName: options.locale === 'en' ? r.type_name_en : r.type_name_es,
      typeIcon: r.type_icon,
      typeColor: r.type_color,
      title: r.title,
      notes: r.notes ?? null,
      dueAt: dueAt.toISOString(),
      allDay,
      durationMin: Number(r.duration_min),
      assigneeId,
      assigneeName: r.assignee_name ?? null,
      status,
      doneAt: r.done_at ? toIso(r.done_at) : null,
      outcome: r.outcome ?? null,
      remindAt: r.remind_at ? toIso(r.remind_at) : null,
      remindMinutes: r.remind_at
        ? Math.round((dueAt.getTime() - toDate(r.remind_at).getTime()) / 60_000)
        : null,
      attendees: attendees.get(Number(r.id)) ?? [],
      dueClass: dueClass({ dueAt, allDay, status }, options.timeZone, options.now),
      subject: r.subject_type
        ? (subjects.get(`${r.subject_type}:${Number(r.subject_id)}`) ?? null)
        : null,
      recurring: r.recurrence_id !== null,
      editable: mayEdit(assigneeId),
    }
  })
}
