import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { audit, type AuditInput } from '#app/history/audit'
import { cappedCount } from '#app/support/keyset'

/** How many rows an export of `filtered` writes (counted exactly: the export reads them all anyway). */
export async function exportRowCount(
  filtered: Promise<{ query: DatabaseQueryBuilderContract<any> }>
): Promise<number> {
  const { query } = await filtered
  return (await cappedCount(query, { exact: true })).value
}

/**
 * Audits an export: who exported which records (the subject type, id 0: no single record),
 * with which filters (the new value, as JSON) and how many rows (field `rows`, which the audit
 * log shows as "Exportación de empresas (300 filas)"). Paging cursors and empty filters are
 * left out.
 */
export async function recordExport(params: {
  organizationId: number
  actorId: number
  subjectType: string
  filters: Record<string, unknown>
  rows: number
}) {
  const filters = Object.fromEntries(
    Object.entries(params.filters).filter(
      ([k, v]) => k !== 'cursor' && v !== undefined && v !== null && v !== ''
    )
  )
  await audit.record({
    organizationId: params.organizationId,
    actorId: params.actorId,
    subjectType: params.subjectType,
    subjectId: 0,
    // audit_logs.action is varchar(16); the kernel's type lists only create/update/delete.
    action: 'export' as AuditInput['action'],
    changes: [
      { field: 'filters', from: null, to: filters },
      { field: 'rows', from: null, to: params.rows },
    ],
  })
}
