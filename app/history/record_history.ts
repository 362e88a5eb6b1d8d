import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { audit, diff, type FieldChange } from './audit.js'
import { timeline } from './timeline.js'

interface Subject {
  organizationId: number
  actorId: number | null
  subjectType: string
  subjectId: number
}

/**
 * Writes the audit rows and the timeline entry of a record change in the caller's
 * transaction, so history and data commit together.
 */
export const recordHistory = {
  async created(s: Subject, snapshot: Record<string, unknown>, trx?: TransactionClientContract) {
    const changes = diff({}, snapshot)
    await audit.record({ ...s, action: 'create', changes }, trx)
    await timeline.record({ ...s, kind: 'created', data: { title: snapshot.name ?? null } }, trx)
  },

  async updated(
    s: Subject,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    trx?: TransactionClientContract
  ): Promise<FieldChange[]> {
    const changes = diff(before, after)
    if (!changes.length) return changes
    await audit.record({ ...s, action: 'update', changes }, trx)
    await timeline.record({ ...s, kind: 'updated', data: { changes } }, trx)
    return changes
  },

  /** Deleting a record keeps its audit trail; its timeline goes with it. */
  async deleted(s: Subject, snapshot: Record<string, unknown>, trx?: TransactionClientContract) {
    await audit.record({ ...s, action: 'delete', changes: diff(snapshot, {}) }, trx)
    await timeline.forget(s.organizationId, s.subjectType, s.subjectId, trx)
  },
}

/** One record's change in a batch written by `recordHistoryMany`. */
export interface BatchChange {
  subjectId: number
  action: 'create' | 'update' | 'delete'
  before: Record<string, unknown>
  after: Record<string, unknown>
  /** Timeline entry kind; none for a delete (the record's timeline goes with it). */
  kind?: string
  /** Extra timeline data (the import run, a title). */
  data?: Record<string, unknown>
  /**
   * A create logged as one audit row instead of one per field (bulk imports: the values are
   * kept with the import, and a 100,000-line file would otherwise write a million rows).
   */
  summary?: boolean
}

const asText = (value: unknown) =>
  value === null || value === undefined
    ? null
    : typeof value === 'string'
      ? value
      : JSON.stringify(value)

/**
 * The audit rows and timeline entries of many records at once (an import's batch, its
 * rollback), in multi-row inserts inside the caller's transaction: the same rows `created`,
 * `updated` and `deleted` write one record at a time.
 */
export async function recordHistoryMany(
  trx: TransactionClientContract,
  base: { organizationId: number; actorId: number | null; subjectType: string },
  items: BatchChange[]
) {
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ')
  const common = {
    organization_id: base.organizationId,
    actor_id: base.actorId,
    subject_type: base.subjectType,
    created_at: now,
  }
  const auditRows: Record<string, unknown>[] = []
  const timelineRows: Record<string, unknown>[] = []
  const forget: number[] = []
  for (const item of items) {
    const changes = diff(item.before, item.after)
    const rows = changes.length && !item.summary ? changes : item.action === 'update' ? [] : [null]
    for (const c of rows) {
      auditRows.push({
        ...common,
        subject_id: item.subjectId,
        action: item.action,
        field: c?.field ?? null,
        old_value: c ? asText(c.from) : null,
        new_value: c ? asText(c.to) : null,
      })
    }
    if (item.action === 'delete') forget.push(item.subjectId)
    else if (item.kind && (item.action === 'create' || changes.length)) {
      const data = item.action === 'create' ? item.data : { changes, ...item.data }
      timelineRows.push({
        ...common,
        subject_id: item.subjectId,
        kind: item.kind,
        data: data ? JSON.stringify(data) : null,
      })
    }
  }
  const size = (rows: Record<string, unknown>[]) =>
    rows.length ? Math.max(1, Math.floor(2000 / Object.keys(rows[0]).length)) : 1
  for (const [table, rows] of [
    ['audit_logs', auditRows],
    ['timeline_events', timelineRows],
  ] as const) {
    for (let i = 0; i < rows.length; i += size(rows))
      await trx.table(table).multiInsert(rows.slice(i, i + size(rows)))
  }
  for (let i = 0; i < forget.length; i += 500) {
    await trx
      .from('timeline_events')
      .where('organization_id', base.organizationId)
      .where('subject_type', base.subjectType)
      .whereIn('subject_id', forget.slice(i, i + 500))
      .delete()
  }
}
