import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { audit, diff, type FieldChange } from '#app/history/audit'
import { timeline } from '#app/history/timeline'
import { dbTimestamp } from '#app/support/dates'
import { insertInBatches } from './db.js'

/*
 * The CRM's history writers. Snapshots may link to other CRM records (a contact's company and
 * manager) as `Ref`s. The audit log, which only administrators read (they see everything),
 * stores the linked record's name under the snapshot key ("company": "Talleres Gómez"). The
 * timeline, which anyone who sees the record reads, stores only the id under `<key>Id`
 * ("companyId": 12); it is named when read, and only for a reader who may see it
 * (support/timeline_reader.ts). Otherwise a rep would read "Empresa: … → X" about a company X
 * they are not allowed to know.
 */

/** A link to another CRM record inside a history snapshot. */
export interface Ref {
  id: number
  name: string
}

export function ref(id: number | null, name: string | null): Ref | null {
  return id === null ? null : { id, name: name ?? '' }
}

/** Snapshot keys that hold a Ref: the timeline field, the table and the scoped resource. */
export const REFERENCES: Record<string, { field: string; table: string; resource: string }> = {
  company: { field: 'companyId', table: 'crm_companies', resource: 'crm.companies' },
  reportsTo: { field: 'reportsToId', table: 'crm_contacts', resource: 'crm.contacts' },
}

export interface Subject {
  organizationId: number
  actorId: number | null
  subjectType: string
  subjectId: number
}

type Snapshot = Record<string, unknown>

const asRef = (value: unknown) =>
  value && typeof value === 'object' && 'id' in value ? (value as Ref) : null

/** Changes as the audit log keeps them: references by name. */
export function forAudit(changes: FieldChange[]): FieldChange[] {
  return changes.map((c) =>
    c.field in REFERENCES
      ? { field: c.field, from: asRef(c.from)?.name ?? null, to: asRef(c.to)?.name ?? null }
      : c
  )
}

/** Changes as the timeline keeps them: references by id only (a renamed link is no change). */
function forTimeline(changes: FieldChange[]): FieldChange[] {
  return changes.flatMap((c) => {
    const spec = REFERENCES[c.field]
    if (!spec) return [c]
    const from = asRef(c.from)?.id ?? null
    const to = asRef(c.to)?.id ?? null
    return from === to ? [] : [{ field: spec.field, from, to }]
  })
}

/** A stored audit value: text as is, anything else as JSON (as the kernel's audit does). */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export const crmHistory = {
  async created(s: Subject, snapshot: Snapshot, trx: TransactionClientContract) {
    await audit.record({ ...s, action: 'create', changes: forAudit(diff({}, snapshot)) }, trx)
    await timeline.record({ ...s, kind: 'created', data: { title: snapshot.name ?? null } }, trx)
  },

  /** Writes what changed; returns the changes as the timeline shows them (none: nothing written). */
  async updated(
    s: Subject,
    before: Snapshot,
    after: Snapshot,
    trx: TransactionClientContract
  ): Promise<FieldChange[]> {
    const changes = diff(before, after)
    if (!changes.length) return []
    await audit.record({ ...s, action: 'update', changes: forAudit(changes) }, trx)
    const shown = forTimeline(changes)
    if (shown.length)
      await timeline.record({ ...s, kind: 'updated', data: { changes: shown } }, trx)
    return shown
  },

  /** Deleting a record keeps its audit trail; its timeline goes with it. */
  async deleted(s: Subject, snapshot: Snapshot, trx: TransactionClientContract) {
    await audit.record({ ...s, action: 'delete', changes: forAudit(diff(snapshot, {})) }, trx)
    await timeline.forget(s.organizationId, s.subjectType, s.subjectId, trx)
  },

  /**
   * The same kind of change on many records at once (a deleted company's contacts, a
   * manager's reports): audit and timeline rows go in multi-row inserts, in chunks the
   * databases accept, instead of two statements per record. Same rows as `updated` writes.
   */
  async updatedMany(
    trx: TransactionClientContract,
    base: Omit<Subject, 'subjectId'>,
    items: { subjectId: number; before: Snapshot; after: Snapshot }[]
  ) {
    const now = dbTimestamp()
    const common = {
      organization_id: base.organizationId,
      actor_id: base.actorId,
      subject_type: base.subjectType,
      created_at: now,
    }
    const auditRows: Record<string, unknown>[] = []
    const timelineRows: Record<string, unknown>[] = []
    for (const item of items) {
      const changes = diff(item.before, item.after)
      for (const c of forAudit(changes)) {
        auditRows.push({
          ...common,
          subject_id: item.subjectId,
          action: 'update',
          field: c.field,
          old_value: text(c.from),
          new_value: text(c.to),
        })
      }
      const shown = forTimeline(changes)
      if (shown.length)
        timelineRows.push({
          ...common,
          subject_id: item.subjectId,
          kind: 'updated',
          data: JSON.stringify({ changes: shown }),
        })
    }
    await insertInBatches(trx, 'audit_logs', auditRows)
    await insertInBatches(trx, 'timeline_events', timelineRows)
  },
}
