import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { dbTimestamp, toDate } from '#app/support/dates'
import { crmSubject } from '../catalog.js'
import { insertActivity } from './insert_activity.js'
import { recordHistory } from '#app/history/record_history'
import { ACTIVITY_SUBJECT } from './rows.js'

/** Occurrences are created this long before they are due (they show in "Mis actividades"). */
export const HORIZON_DAYS = 7
const DAY = 86_400_000

export type Frequency = 'daily' | 'weekly' | 'monthly'

/** The next due date after `from` (monthly keeps the day of month, clamped at month end). */
export function nextOccurrence(from: Date, frequency: Frequency, interval: number): Date {
  const d = DateTime.fromJSDate(from, { zone: 'utc' })
  const unit = frequency === 'daily' ? 'days' : frequency === 'weekly' ? 'weeks' : 'months'
  return d.plus({ [unit]: Math.max(1, interval) }).toJSDate()
}

/** The rule key of one occurrence: unique per organization, so it is never created twice. */
export const occurrenceKey = (recurrenceId: number, dueAt: Date) =>
  `rec:${recurrenceId}:${dbTimestamp(dueAt)}`

/**
 * Creates the occurrence due at `next_due_at` of one recurrence and moves `next_due_at` on.
 * Two workers may both try: the unique rule key lets one insert win and the other write nothing.
 */
export async function advanceRecurrence(
  trx: TransactionClientContract,
  rec: Record<string, any>
): Promise<number | null> {
  const dueAt = toDate(rec.next_due_at)
  const until = rec.until ? toDate(rec.until) : null
  if (until && dueAt > until) {
    await trx.from('crm_activity_recurrences').where('id', rec.id).update({ active: false })
    return null
  }
  if (!(await subjectAlive(trx, rec))) {
    // A series about a record in the bin (or gone) stops: nobody would see its tasks.
    await trx.from('crm_activity_recurrences').where('id', rec.id).update({ active: false })
    return null
  }
  const next = nextOccurrence(dueAt, rec.frequency, Number(rec.interval))
  // Claim first: the row lock makes a concurrent run wait here and then find nothing to do
  // (taking the activity's unique key first would deadlock on MariaDB against the FK check).
  const claimed = await trx
    .from('crm_activity_recurrences')
    .where('id', rec.id)
    .where('next_due_at', dbTimestamp(dueAt))
    .update({
      next_due_at: dbTimestamp(next),
      active: !until || next <= until,
      updated_at: dbTimestamp(),
    })
  if (!Number(claimed)) return null
  const lead = await remindLead(trx, Number(rec.id))
  const created = await insertActivity(trx, {
    organizationId: Number(rec.organization_id),
    actorId: null,
    typeId: Number(rec.type_id),
    subjectType: rec.subject_type,
    subjectId: Number(rec.subject_id),
    title: rec.title,
    dueAt,
    allDay: Boolean(rec.all_day),
    durationMin: Number(rec.duration_min),
    assigneeId: rec.assignee_id === null ? null : Number(rec.assignee_id),
    recurrenceId: Number(rec.id),
    ruleKey: occurrenceKey(Number(rec.id), dueAt),
    remindAt: lead === null ? null : new Date(dueAt.getTime() - lead),
  })
  return created?.id ?? null
}

/** The reminder lead time (ms) of the series' latest occurrence: the next one keeps it. */
async function remindLead(trx: TransactionClientContract, recurrenceId: number) {
  const last = await trx
    .from('crm_activities')
    .where('recurrence_id', recurrenceId)
    .orderBy('due_at', 'desc')
    .orderBy('id', 'desc')
    .select('due_at', 'remind_at')
    .first()
  if (!last?.remind_at) return null
  return Math.max(0, toDate(last.due_at).getTime() - toDate(last.remind_at).getTime())
}

async function subjectAlive(trx: TransactionClientContract, rec: Record<string, any>) {
  const subject = crmSubject(rec.subject_type)
  if (!subject) return true
  const row = await trx
    .from(subject.table)
    .where({ id: rec.subject_id, organization_id: rec.organization_id })
    .whereNull('deleted_at')
    .select('id')
    .first()
  return !!row
}

/**
 * Cancelling the series' last open occurrence stops the series (otherwise it would come back
 * next period although the user just dismissed it). Same transaction as the cancel.
 */
export async function stopSeriesIfLastOpen(
  trx: TransactionClientContract,
  recurrenceId: number | null
): Promise<void> {
  if (!recurrenceId) return
  const open = await trx
    .from('crm_activities')
    .where({ recurrence_id: recurrenceId, status: 'open' })
    .select('id')
    .first()
  if (open) return
  await trx
    .from('crm_activity_recurrences')
    .where('id', recurrenceId)
    .update({ active: false, updated_at: dbTimestamp() })
}

/** The schedule's run: every recurrence whose next occurrence falls within the horizon. */
export async function runRecurrences(now: Date = new Date()): Promise<number> {
  const limit = dbTimestamp(new Date(now.getTime() + HORIZON_DAYS * DAY))
  let created = 0
  // A recurrence far behind (the app was off) catches up one occurrence per pass, bounded.
  for (let pass = 0; pass < 10; pass++) {
    const due = await db
      .from('crm_activity_recurrences')
      .where('active', true)
      .where('next_due_at', '<=', limit)
      .orderBy('next_due_at')
      .limit(200)
      .select('*')
    if (!due.length) break
    for (const rec of due) {
      const id = await db.transaction((trx) => advanceRecurrence(trx, rec))
      if (id) created++
    }
  }
  return created
}

/**
 * "Esta y las siguientes": cancels the open occurrences of `row`'s series due at or after it
 * (done ones stay) and stops the series there: it ends just before this occurrence and
 * creates nothing more. Returns how many occurrences were cancelled.
 */
export async function stopSeriesFrom(params: {
  organizationId: number
  actorId: number
  row: Record<string, any>
}): Promise<number> {
  const { row } = params
  const recurrenceId = Number(row.recurrence_id)
  const from = toDate(row.due_at)
  return db.transaction(async (trx) => {
    await trx
      .from('crm_activity_recurrences')
      .where({ id: recurrenceId, organization_id: params.organizationId })
      .update({
        active: false,
        until: dbTimestamp(new Date(from.getTime() - 1000)),
        updated_at: dbTimestamp(),
      })
    const open = await trx
      .from('crm_activities')
      .where({
        organization_id: params.organizationId,
        recurrence_id: recurrenceId,
        status: 'open',
      })
      .where('due_at', '>=', dbTimestamp(from))
      .select('id')
    const ids = open.map((r) => Number(r.id))
    if (!ids.length) return 0
    await trx
      .from('crm_activities')
      .whereIn('id', ids)
      .where('status', 'open')
      .update({ status: 'cancelled', updated_at: dbTimestamp() })
    for (const id of ids)
      await recordHistory.updated(
        {
          organizationId: params.organizationId,
          actorId: params.actorId,
          subjectType: ACTIVITY_SUBJECT,
          subjectId: id,
        },
        { status: 'open' },
        { status: 'cancelled' },
        trx
      )
    return ids.length
  })
}
