/*
| The CRM's public facade: what other modules (sales, support, mail capture…) may call. Pass
| the caller's transaction when inside one. Functions taking an AccessContext apply the
| user's record scope; the others are organization-wide and meant for background work.
| Records in the recycle bin are left out everywhere, as if they did not exist.
*/
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { normalizeEmail } from '../support/normalize.js'
import { primaryOf, channelsOf } from '../support/channels.js'
import { fullName } from '../support/people.js'
import type { CompanySummary, ContactSummary } from './types.js'

export type { CompanySummary, ContactSummary } from './types.js'
// Sales quotas' attainment (the one computation; the analytics module reads it).
export { attainmentOfQuota, quotaPeriodMonths } from './quotas.js'
export type { AttainmentDto, QuotaKind, QuotaPeriod, CumulativeMonth } from './quotas.js'

type Client = TransactionClientContract | typeof db

const companySummary = (r: any): CompanySummary => ({
  id: Number(r.id),
  name: r.name,
  nif: r.nif,
  type: r.type,
  ownerId: r.owner_id === null ? null : Number(r.owner_id),
})

/** A company's summary, or null when it does not exist in the organization. */
export async function findCompanySummary(
  organizationId: number,
  id: number,
  client: Client = db
): Promise<CompanySummary | null> {
  const row = await client
    .from('crm_companies')
    .where('organization_id', organizationId)
    .where('id', id)
    .whereNull('deleted_at')
    .select('id', 'name', 'nif', 'type', 'owner_id')
    .first()
  return row ? companySummary(row) : null
}

/** Whether a company exists in the organization. */
export async function companyExists(
  organizationId: number,
  id: number,
  client: Client = db
): Promise<boolean> {
  return !!(await client
    .from('crm_companies')
    .where('organization_id', organizationId)
    .where('id', id)
    .whereNull('deleted_at')
    .select('id')
    .first())
}

/** Names of the given companies that the user may see (invisible ones are left out). */
export async function visibleCompanyNames(
  access: AccessContext,
  ids: number[]
): Promise<Map<number, string>> {
  if (!ids.length) return new Map()
  const query = db.from('crm_companies as c').whereIn('c.id', ids).select('c.id', 'c.name')
  await access.scope(query, 'crm.companies', { table: 'c' })
  return new Map((await query).map((r: any) => [Number(r.id), r.name as string]))
}

/** A contact's summary, or null when it does not exist in the organization. */
export async function findContactSummary(
  organizationId: number,
  id: number,
  client: Client = db
): Promise<ContactSummary | null> {
  const [contact] = await contactSummaries(
    client
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .where('id', id)
      .whereNull('deleted_at'),
    client
  )
  return contact ?? null
}

/** Every contact of a company (organization-wide, by name). */
export async function contactsOfCompany(
  organizationId: number,
  companyId: number,
  client: Client = db
): Promise<ContactSummary[]> {
  return contactSummaries(
    client
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .where('company_id', companyId)
      .whereNull('deleted_at')
      .orderBy('name_normalized')
      .orderBy('id'),
    client
  )
}

/** Companies and contacts that have this e-mail address (exact, case-insensitive), for mail linking. */
export async function findByEmail(organizationId: number, email: string, client: Client = db) {
  const rows = await client
    .from('crm_emails as e')
    .leftJoin('crm_companies as c', 'c.id', 'e.company_id')
    .leftJoin('crm_contacts as ct', 'ct.id', 'e.contact_id')
    .where('e.organization_id', organizationId)
    .where('e.value_normalized', normalizeEmail(email))
    .whereNull('c.deleted_at')
    .whereNull('ct.deleted_at')
    .select('e.company_id', 'e.contact_id')
  return {
    companyIds: rows.filter((r) => r.company_id !== null).map((r) => Number(r.company_id)),
    contactIds: rows.filter((r) => r.contact_id !== null).map((r) => Number(r.contact_id)),
  }
}

async function contactSummaries(query: any, client: Client): Promise<ContactSummary[]> {
  const rows = await query.select(
    'id',
    'company_id',
    'first_name',
    'last_name',
    'position',
    'owner_id'
  )
  const { emails } = await channelsOf(
    'contact_id',
    rows.map((r: any) => Number(r.id)),
    client
  )
  return rows.map((r: any) => ({
    id: Number(r.id),
    companyId: r.company_id === null ? null : Number(r.company_id),
    name: fullName(r.first_name, r.last_name),
    position: r.position,
    email: primaryOf(emails.get(Number(r.id))),
    ownerId: r.owner_id === null ? null : Number(r.owner_id),
  }))
}

export {
  recordCards,
  findLeadsByEmail,
  findCompaniesByDomain,
  companiesOfContacts,
  CRM_RECORD_TYPES,
  contactsWithEmail,
  openOpportunitiesOf,
} from './records.js'
export type { RecordRef, RecordCard } from './records.js'
export {
  insertCompanyRow,
  insertContactRow,
  insertOpportunityRow,
  insertLeadRow,
  insertActivityRow,
  pipelineStageIds,
  insertTeamStages,
} from './fixtures.js'
export { composeSourceOf } from './compose.js'
export type { ComposeSource, ComposePerson } from './compose.js'
export {
  createContactForSender,
  createContactFromEmail,
  createLeadFromEmail,
} from './mail_capture.js'
export { runAutomaticTasks, insertTaskRuleRow, automaticTasks } from './task_rules.js'
export { insertQuotaRow } from './quota_fixtures.js'
export {
  visibleQuotaAttainments,
  opportunityTotalsInScope,
  type QuotaAttainmentQuery,
  type QuotaDto,
} from './dashboards.js'
export * from './alerts.js'
