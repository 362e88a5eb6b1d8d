/** How an activity's due date reads for a user: overdue (red), today (orange), future (green). */
export type DueClass = 'overdue' | 'today' | 'future' | 'done' | 'cancelled'

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)
}

/**
 * The class of an activity for a reader in `timeZone` at `now`: by calendar day in her zone
 * (an activity due at 23:30 in Madrid is "today" there even when it is already tomorrow in UTC),
 * and, for an activity with a time, overdue as soon as its time has passed.
 */
export function dueClass(
  activity: { dueAt: Date; allDay: boolean; status: string },
  timeZone: string,
  now: Date = new Date()
): DueClass {
  if (activity.status === 'done') return 'done'
  if (activity.status === 'cancelled') return 'cancelled'
  const due = localDay(activity.dueAt, timeZone)
  const today = localDay(now, timeZone)
  if (due < today) return 'overdue'
  if (due > today) return 'future'
  return !activity.allDay && activity.dueAt.getTime() < now.getTime() ? 'overdue' : 'today'
}
