import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import type { ContactData } from '../../validators/contacts.js'
import { normalizeName } from '../../support/normalize.js'
import { fullName } from '../../support/people.js'
import { historyRef as ref, recordHistory } from '#app/history/record_history'
import { CONTACT_SUBJECT } from './load_contact.js'

/** The row's columns from validated input (the validator is the allow-list). */
export function contactColumns(data: ContactData) {
  return {
    first_name: data.firstName,
    last_name: data.lastName || null,
    name_normalized: normalizeName(fullName(data.firstName, data.lastName), 260),
    last_name_normalized: data.lastName ? normalizeName(data.lastName, 150) : null,
    company_id: data.companyId ?? null,
    position: data.position || null,
    department: data.department || null,
    reports_to_id: data.companyId ? (data.reportsToId ?? null) : null,
    notes: data.notes || null,
    gender: data.gender ?? null,
    language: data.language ?? null,
    birthday: data.birthday ?? null,
    consent_status: data.consentStatus ?? 'unknown',
    consent_source: data.consentSource ?? null,
    opted_out: data.optedOut ?? false,
    opt_out_source: data.optedOut ? (data.optOutSource ?? null) : null,
  }
}

/**
 * Contacts reporting to `managerId` lose their manager (the manager left the company or was
 * deleted); returns their ids. Each of them gets the change in its history, written in multi-row inserts. The
 * timeline stores the manager's id only: some of these contacts may be seen by users who may
 * not see the manager.
 */
export async function detachReports(
  trx: TransactionClientContract,
  params: {
    organizationId: number
    actorId: number | null
    managerId: number
    managerName: string
  }
) {
  const { organizationId, actorId, managerId } = params
  const reports = await trx
    .from('crm_contacts')
    .where('organization_id', organizationId)
    .where('reports_to_id', managerId)
    .whereNull('deleted_at')
    .select('id')
  if (!reports.length) return []
  await trx
    .from('crm_contacts')
    .where('organization_id', organizationId)
    .where('reports_to_id', managerId)
    .whereNull('deleted_at')
    .update({ reports_to_id: null, updated_at: dbTimestamp() })
  const before = { reportsTo: ref(managerId, params.managerName) }
  await recordHistory.updatedMany(
    trx,
    { organizationId, actorId, subjectType: CONTACT_SUBJECT },
    reports.map((r) => ({ subjectId: Number(r.id), before, after: { reportsTo: null } }))
  )
  return reports.map((r) => Number(r.id))
}
