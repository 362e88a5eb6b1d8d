import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { dbTimestamp, toDate } from '#app/support/dates'
import { crmSubject } from '../catalog.js'
import { insertActivity } from './insert_activity.js'
import { recordHistory } from '#app/history/record_history'
import { ACTIVITIES, ACTIVITY_SUBJECT } from './rows.js'
import type { AccessContext } from '#app/access/access_context'

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
  // `rec` was read before this transaction: a series stopped since then must not match.
  const claimed = await trx
    .from('crm_activity_recurrences')
    .where('id', rec.id)
    .where('next_due_at', dbTimestamp(dueAt))
    .where('active', true)
    .update({ next_due_at: dbTimestamp(next), updated_at: dbTimestamp() })
  if (!Number(claimed)) return null
  // Its end as it is now (the claimed row is ours until commit), not as it was read.
  const fresh = await trx
    .from('crm_activity_recurrences')
    .where('id', rec.id)
    .select('until')
    .first()
  const end = fresh?.until ? toDate(fresh.until) : null
  if (end && next > end)
    await trx.from('crm_activity_recurrences').where('id', rec.id).update({ active: false })
  if (end && dueAt > end) return null
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
 * that the user may cancel (done ones stay). When the series itself is hers to cancel (its
 * assignee within her delete scope) it also stops there: it ends just before this occurrence
 * and creates nothing more; otherwise it goes on for its owner. Returns how many occurrences
 * were cancelled and whether the series stopped.
 */
export async function stopSeriesFrom(params: {
  access: AccessContext
  actorId: number
  row: Record<string, any>
}): Promise<{ cancelled: number; stopped: boolean }> {
  const { row, access } = params
  const organizationId = access.organizationId
  const recurrenceId = Number(row.recurrence_id)
  const from = toDate(row.due_at)
  return db.transaction(async (trx) => {
    const series = await trx
      .from('crm_activity_recurrences')
      .where({ id: recurrenceId, organization_id: organizationId })
      .select('assignee_id')
      .first()
    const owner = series?.assignee_id === null ? null : Number(series?.assignee_id)
    const stopped = !!series && (await access.canSee(ACTIVITIES, owner, trx, 'delete'))
    if (stopped)
      await trx
        .from('crm_activity_recurrences')
        .where({ id: recurrenceId, organization_id: organizationId })
        .update({
          active: false,
          until: dbTimestamp(new Date(from.getTime() - 1000)),
          updated_at: dbTimestamp(),
        })
    const query = trx
      .from('crm_activities')
      .where({ recurrence_id: recurrenceId, status: 'open' })
      .where('due_at', '>=', dbTimestamp(from))
      .select('id')
    await access.scope(query, ACTIVITIES, { ownerColumn: 'assignee_id', action: 'delete' })
    const ids = (await query).map((r) => Number(r.id))
    if (!ids.length) return { cancelled: 0, stopped }
    await trx
      .from('crm_activities')
      .whereIn('id', ids)
      .where('status', 'open')
      .update({ status: 'cancelled', updated_at: dbTimestamp() })
    for (const id of ids)
      await recordHistory.updated(
        { organizationId, actorId: params.actorId, subjectType: ACTIVITY_SUBJECT, subjectId: id },
        { status: 'open' },
        { status: 'cancelled' },
        trx
      )
    return { cancelled: ids.length, stopped }
  })
}
