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
