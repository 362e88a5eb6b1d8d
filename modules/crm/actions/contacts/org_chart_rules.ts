import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { CrmRuleError } from '../../support/http.js'
import { COMPANIES } from '../companies/load_company.js'
import { CONTACTS } from './load_contact.js'

/** Longest reporting chain we follow before calling it a cycle (real org charts are shallow). */
const MAX_DEPTH = 500

/**
 * The company a contact may be linked to: unchanged, none, or one the user can see (an
 * invisible company answers as if it did not exist).
 */
export async function assertCompany(trx: TransactionClientContract, access: AccessContext, companyId: number | null, current: number | null) {
  if (companyId === null || companyId === current) return
  const query = trx.from('crm_companies as c').where('c.id', companyId).select('c.id')
  await access.scope(query, COMPANIES, { table: 'c' })
  if (!(await query.first())) throw new CrmRuleError('crm.errors.company_not_found', 'companyId')
}

/**
 * A manager must be another contact of the same company, visible to the user when newly
 * chosen, and choosing them must not close a loop (A → B → … → A).
 */
export async function assertReportsTo(trx: TransactionClientContract, params: {
  access: AccessContext
  contactId: number | null
  companyId: number | null
  reportsToId: number | null
  current: number | null
}) {
  const { access, contactId, companyId, reportsToId } = params
  if (reportsToId === null) return
  if (companyId === null) throw new CrmRuleError('crm.errors.reports_to_needs_company', 'reportsToId')
  if (reportsToId === contactId) throw new CrmRuleError('crm.errors.reports_to_cycle', 'reportsToId')
  const manager = await trx.from('crm_contacts').where('organization_id', access.organizationId).where('id', reportsToId)
    .select('id', 'company_id', 'owner_id', 'reports_to_id').first()
  const visible = manager && (reportsToId === params.current || (await access.canSee(CONTACTS, manager.owner_id === null ? null : Number(manager.owner_id))))
  if (!manager || !visible) throw new CrmRuleError('crm.errors.reports_to_not_found', 'reportsToId')
  if (Number(manager.company_id) !== companyId) throw new CrmRuleError('crm.errors.reports_to_other_company', 'reportsToId')
  if (contactId === null) return
  let next: number | null = manager.reports_to_id === null ? null : Number(manager.reports_to_id)
  for (let depth = 0; next !== null; depth++) {
    if (next === contactId || depth > MAX_DEPTH) throw new CrmRuleError('crm.errors.reports_to_cycle', 'reportsToId')
    const row = await trx.from('crm_contacts').where('organization_id', access.organizationId).where('id', next).select('reports_to_id').first()
    next = row?.reports_to_id == null ? null : Number(row.reports_to_id)
  }
}
