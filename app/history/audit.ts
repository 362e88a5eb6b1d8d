import { dbTimestamp } from '#app/support/dates'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { assertAuditAction, type AuditAction } from './kinds.js'

export interface FieldChange {
  field: string
  from: unknown
  to: unknown
}

export interface AuditInput {
  organizationId: number
  actorId: number | null
  subjectType: string
  subjectId: number
  /** A kernel action (create, update, delete, restore, purge, export) or a module's declared one. */
  action: AuditAction
  changes: FieldChange[]
}

/** Compares two plain snapshots field by field (values compared as JSON). */
export function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields?: string[]
): FieldChange[] {
  const keys = fields ?? [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return keys
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => ({ field: k, from: before[k] ?? null, to: after[k] ?? null }))
}

/** A stored audit value: text as is, anything else as JSON. */
export function auditText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * Who changed which field from what to what, and when. One row per field; a create or delete
 * with no field list writes one row.
 */
export const audit = {
  async record(input: AuditInput, client?: TransactionClientContract): Promise<void> {
    assertAuditAction(input.action)
    const base = {
      organization_id: input.organizationId,
      actor_id: input.actorId,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      action: input.action,
      created_at: dbTimestamp(),
    }
    const rows = input.changes.length
      ? input.changes.map((c) => ({
          ...base,
          field: c.field,
          old_value: auditText(c.from),
          new_value: auditText(c.to),
        }))
      : [{ ...base, field: null, old_value: null, new_value: null }]
    await (client ?? db).table('audit_logs').multiInsert(rows)
  },
}
