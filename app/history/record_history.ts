import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { insertInBatches } from '#app/support/db'
import { dbTimestamp } from '#app/support/dates'
import { audit, auditText, diff, type FieldChange } from './audit.js'
import { timeline } from './timeline.js'
import { assertTimelineKind, type AuditAction } from './kinds.js'

/*
 * The one writer of record history: the audit rows (who changed which field from what to
 * what; administrators read them) and the timeline entry (what anyone who sees the record
 * reads) of a change, in the caller's transaction so history and data commit together.
 *
 * References. A snapshot may link to another record (a contact's company) with `historyRef(id,
 * name)`. The audit log stores the linked record's name under the snapshot key ("company":
 * "Talleres Gómez"); the timeline stores only its id under `<key>Id` ("companyId": 12), to be
 * named when read and only for a reader who may see it — otherwise a reader would learn the
 * name of a record beyond their scope. A renamed link is no change for the timeline.
 */

/** A link to another record inside a history snapshot (see above). */
export class HistoryRef {
  constructor(
    readonly id: number,
    readonly name: string
  ) {}
}

/** A reference for a snapshot, or null when there is no linked record. */
export function historyRef(id: number | null, name: string | null): HistoryRef | null {
  return id === null ? null : new HistoryRef(id, name ?? '')
}

/** The record a change is about, and who makes it. */
export interface HistorySubject {
  organizationId: number
  actorId: number | null
  subjectType: string
  subjectId: number
}

type Snapshot = Record<string, unknown>
type Trx = TransactionClientContract

const isRef = (value: unknown): value is HistoryRef => value instanceof HistoryRef

/** Changes as the audit log keeps them: references by name. */
export function changesForAudit(changes: FieldChange[]): FieldChange[] {
  return changes.map((c) =>
    isRef(c.from) || isRef(c.to)
      ? {
          field: c.field,
          from: isRef(c.from) ? c.from.name : c.from,
          to: isRef(c.to) ? c.to.name : c.to,
        }
      : c
  )
}

/** Changes as the timeline keeps them: references by id under `<key>Id`, renames dropped. */
export function changesForTimeline(changes: FieldChange[]): FieldChange[] {
  return changes.flatMap((c) => {
    if (!isRef(c.from) && !isRef(c.to)) return [c]
    const from = isRef(c.from) ? c.from.id : null
    const to = isRef(c.to) ? c.to.id : null
    return from === to ? [] : [{ field: `${c.field}Id`, from, to }]
  })
}

export const recordHistory = {
  /**
   * A new record: one audit row per field (action `create`) and a `created` timeline entry
   * titled with the snapshot's `name`.
   */
  async created(s: HistorySubject, snapshot: Snapshot, trx?: Trx) {
    await audit.record(
      { ...s, action: 'create', changes: changesForAudit(diff({}, snapshot)) },
      trx
    )
    await timeline.record({ ...s, kind: 'created', data: { title: snapshot.name ?? null } }, trx)
  },

  /**
   * What changed between two snapshots (nothing written when nothing did). Returns the changes
   * as the timeline keeps them (references as `<key>Id`).
   */
  async updated(s: HistorySubject, before: Snapshot, after: Snapshot, trx?: Trx) {
    const changes = diff(before, after)
    if (!changes.length) return []
    await audit.record({ ...s, action: 'update', changes: changesForAudit(changes) }, trx)
    const shown = changesForTimeline(changes)
    if (shown.length)
      await timeline.record({ ...s, kind: 'updated', data: { changes: shown } }, trx)
    return shown
  },

  /**
   * A deleted record keeps its audit trail (its fields going to nothing). Its timeline goes
   * with it, unless `keepTimeline` (a record moved to the recycle bin may come back).
   */
  async deleted(
    s: HistorySubject,
    snapshot: Snapshot,
    trx?: Trx,
    options: { keepTimeline?: boolean } = {}
  ) {
    await audit.record(
      { ...s, action: 'delete', changes: changesForAudit(diff(snapshot, {})) },
      trx
    )
    if (!options.keepTimeline)
      await timeline.forget(s.organizationId, s.subjectType, s.subjectId, trx)
  },

  /**
   * Any other event of a record: a timeline entry (`kind`, `data`) and/or audit rows (`action`,
   * `changes`), e.g. a note added, edited or removed. Kinds and actions are the kernel's or
   * declared by the module (app/history/kinds.ts).
   */
  async event(
    s: HistorySubject,
    event: {
      kind?: string
      data?: Record<string, unknown>
      action?: AuditAction
      changes?: FieldChange[]
    },
    trx?: Trx
  ) {
    if (event.kind) await timeline.record({ ...s, kind: event.kind, data: event.data }, trx)
    if (event.action)
      await audit.record(
        { ...s, action: event.action, changes: changesForAudit(event.changes ?? []) },
        trx
      )
  },

  /**
   * The same kind of change on many records at once (a deleted company's contacts, a manager's
   * reports): the rows `updated` writes for each, in multi-row inserts.
   */
  async updatedMany(
    trx: Trx,
    base: Omit<HistorySubject, 'subjectId'>,
    items: { subjectId: number; before: Snapshot; after: Snapshot }[]
  ) {
    await recordHistoryMany(
      trx,
      base,
      items.map((i) => ({ ...i, action: 'update', kind: 'updated' }))
    )
  },
}

/** One record's change in a batch written by `recordHistoryMany`. */
export interface BatchChange {
  subjectId: number
  action: 'create' | 'update' | 'delete'
  before: Snapshot
  after: Snapshot
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

/**
 * The audit rows and timeline entries of many records at once (an import's batch, its
 * rollback, a deleted company's contacts), in chunked multi-row inserts inside the caller's
 * transaction: the same rows `created`, `updated` and `deleted` write one record at a time
 * (references included).
 */
export async function recordHistoryMany(
  trx: Trx,
  base: Omit<HistorySubject, 'subjectId'>,
  items: BatchChange[]
) {
  const common = {
    organization_id: base.organizationId,
    actor_id: base.actorId,
    subject_type: base.subjectType,
    created_at: dbTimestamp(),
  }
  const auditRows: Record<string, unknown>[] = []
  const timelineRows: Record<string, unknown>[] = []
  const forget: number[] = []
  for (const item of items) {
    // A summarized create or delete writes one audit row and no field list: no diff to make
    // (an import's batch would compare every value of every new record for nothing).
    const changes = item.summary && item.action !== 'update' ? [] : diff(item.before, item.after)
    const audited = changesForAudit(changes)
    const rows = audited.length && !item.summary ? audited : item.action === 'update' ? [] : [null]
    for (const c of rows) {
      auditRows.push({
        ...common,
        subject_id: item.subjectId,
        action: item.action,
        field: c?.field ?? null,
        old_value: c ? auditText(c.from) : null,
        new_value: c ? auditText(c.to) : null,
      })
    }
    if (item.action === 'delete') {
      forget.push(item.subjectId)
      continue
    }
    const shown = changesForTimeline(changes)
    if (item.kind && (item.action === 'create' || shown.length)) {
      const data = item.action === 'create' ? item.data : { changes: shown, ...item.data }
      timelineRows.push({
        ...common,
        subject_id: item.subjectId,
        kind: item.kind,
        data: data ? JSON.stringify(data) : null,
      })
    }
  }
  for (const kind of new Set(timelineRows.map((r) => r.kind as string))) assertTimelineKind(kind)
  await insertInBatches(trx, 'audit_logs', auditRows)
  await insertInBatches(trx, 'timeline_events', timelineRows)
  for (let i = 0; i < forget.length; i += 500) {
    await trx
      .from('timeline_events')
      .where('organization_id', base.organizationId)
      .where('subject_type', base.subjectType)
      .whereIn('subject_id', forget.slice(i, i + 500))
      .delete()
  }
}
