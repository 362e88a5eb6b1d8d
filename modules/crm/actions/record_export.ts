import { audit, type AuditInput } from '#app/history/audit'

/**
 * Audits an export: who exported which records (the subject type, id 0: no single record) and
 * with which filters (the new value, as JSON). Paging cursors and empty filters are left out.
 */
export async function recordExport(params: { organizationId: number; actorId: number; subjectType: string; filters: Record<string, unknown> }) {
  const filters = Object.fromEntries(Object.entries(params.filters).filter(([k, v]) => k !== 'cursor' && v !== undefined && v !== null && v !== ''))
  await audit.record({
    organizationId: params.organizationId,
    actorId: params.actorId,
    subjectType: params.subjectType,
    subjectId: 0,
    // audit_logs.action is varchar(16); the kernel's type lists only create/update/delete.
    action: 'export' as AuditInput['action'],
    changes: [{ field: 'filters', from: null, to: filters }],
  })
}
