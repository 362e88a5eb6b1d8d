/** Shapes shared by the activities' actions and pages (type-only). */

export type ActivityStatus = 'open' | 'done' | 'cancelled'
export type ActivityDueClass = 'overdue' | 'today' | 'future' | 'done' | 'cancelled'

export interface ActivityTypeDto {
  id: number
  code: string
  /** In the reader's language. */
  name: string
  nameEs: string
  nameEn: string
  /** Tabler icon name. */
  icon: string
  color: string
  defaultDelayDays: number
  defaultDurationMin: number
  nextTypeId: number | null
  nextDelayDays: number | null
  position: number
  active: boolean
}

/** The record an activity is about, named only when the reader may see it. */
export interface ActivitySubjectDto {
  type: string
  id: number
  /** Null when the record is out of the reader's scope (or gone). */
  name: string | null
  href: string | null
}

/** Someone taking part besides the assignee: a user, or a contact (named only when visible). */
export interface ActivityAttendeeDto {
  kind: 'user' | 'contact'
  id: number
  /** Null for a contact out of the reader's scope. */
  name: string | null
}

export interface ActivityDto {
  id: number
  typeId: number
  typeName: string
  typeIcon: string
  typeColor: string
  title: string
  notes: string | null
  /** ISO instant. */
  dueAt: string
  allDay: boolean
  durationMin: number
  assigneeId: number | null
  assigneeName: string | null
  status: ActivityStatus
  doneAt: string | null
  outcome: string | null
  remindAt: string | null
  /** The reminder's lead time in minutes before the due time; null: no reminder. */
  remindMinutes: number | null
  attendees: ActivityAttendeeDto[]
  /** overdue / today / future (open ones) in the reader's time zone. */
  dueClass: ActivityDueClass
  subject: ActivitySubjectDto | null
  recurring: boolean
  /** Whether the reader may edit it (mark done, move). */
  editable: boolean
}

/** The planned and recent activities of one record, as its page's "Actividades" panel shows them. */
export interface RecordActivitiesDto {
  subjectType: string
  subjectId: number
  /** May the reader plan activities on this record. */
  canPlan: boolean
  items: ActivityDto[]
  types?: ActivityTypeDto[]
  assignees?: { value: string; label: string }[]
}

export interface ActivityListFilters {
  type: string
  status: string
  period: string
  assignee: string
  cursor: string | null
}
