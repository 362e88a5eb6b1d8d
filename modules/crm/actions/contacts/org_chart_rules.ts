import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import { COMPANIES } from '../companies/load_company.js'
import { CONTACTS } from './load_contact.js'

/**
 * The company a contact may be linked to: unchanged, none, or one the user can see (an
 * invisible company answers as if it did not exist).
 */
export async function assertCompany(
  trx: TransactionClientContract,
  access: AccessContext,
  companyId: number | null,
  current: number | null
) {
  if (companyId === null || companyId === current) return
  const query = trx.from('crm_companies as c').where('c.id', companyId).select('c.id')
  await access.scope(query, COMPANIES, { table: 'c' })
  if (!(await query.first())) throw new RuleError('crm.errors.company_not_found', {}, 'companyId')
}

/**
 * A manager must be another contact of the same company, visible to the user when newly
 * chosen, and choosing them must not close a loop (A → B → … → A).
 */
export async function assertReportsTo(
  trx: TransactionClientContract,
  params: {
    access: AccessContext
    contactId: number | null
    companyId: number | null
    reportsToId: number | null
    current: number | null
  }
) {
  const { access, contactId, companyId, reportsToId } = params
  if (reportsToId === null) return
  if (companyId === null)
    throw new RuleError('crm.errors.reports_to_needs_company', {}, 'reportsToId')
  if (reportsToId === contactId)
    throw new RuleError('crm.errors.reports_to_cycle', {}, 'reportsToId')
  const manager = await trx
    .from('crm_contacts')
    .where('organization_id', access.organizationId)
    .where('id', reportsToId)
    .whereNull('deleted_at')
    .select('id', 'company_id', 'owner_id')
    .first()
  const visible =
    manager &&
    (reportsToId === params.current ||
      (await access.canSee(
        CONTACTS,
        manager.owner_id === null ? null : Number(manager.owner_id),
        trx
      )))
  if (!manager || !visible)
    throw new RuleError('crm.errors.reports_to_not_found', {}, 'reportsToId')
  if (Number(manager.company_id) !== companyId)
    throw new RuleError('crm.errors.reports_to_other_company', {}, 'reportsToId')
  if (
    contactId !== null &&
    (await closesLoop(trx, access.organizationId, companyId, reportsToId, contactId))
  ) {
    throw new RuleError('crm.errors.reports_to_cycle', {}, 'reportsToId')
  }
}

/**
 * Whether `contactId` already sits above `managerId` in the company's org chart. The chart is
 * read once (id → manager, one indexed query) and walked in memory, not one query per level.
 * A chain that leaves the company ends the walk: managers are always of the same company.
 */
async function closesLoop(
  trx: TransactionClientContract,
  organizationId: number,
  companyId: number,
  managerId: number,
  contactId: number
) {
  const rows = await trx
    .from('crm_contacts')
    .where('organization_id', organizationId)
    .where('company_id', companyId)
    .whereNull('deleted_at')
    .select('id', 'reports_to_id')
  const managerOf = new Map(
    rows.map((r) => [Number(r.id), r.reports_to_id === null ? null : Number(r.reports_to_id)])
  )
  const seen = new Set<number>()
  for (
    let next = managerOf.get(managerId) ?? null;
    next !== null;
    next = managerOf.get(next) ?? null
  ) {
    // A loop already in the data (which the rules prevent) ends the walk rather than spinning.
    if (next === contactId || seen.has(next)) return next === contactId
    seen.add(next)
  }
  return false
}
