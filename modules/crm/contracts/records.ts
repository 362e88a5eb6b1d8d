/*
 * CRM records as other modules refer to them: (type, id) pairs of companies, contacts, leads
 * and opportunities — for mail capture's linking, visibility and notifications.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { normalizeEmail } from '../support/normalize.js'
import { fullName } from '../support/people.js'

type Client = TransactionClientContract | typeof db

/** A CRM record named by its subject type (`crm.company`…) and id. */
export interface RecordRef {
  type: string
  id: number
}

/** A record as a link shows it: its name and page. */
export interface RecordCard extends RecordRef {
  name: string
  href: string
  ownerId: number | null
}

const SOURCES: Record<
  string,
  { table: string; resource: string; path: string; name: (r: any) => string; columns: string[] }
> = {
  'crm.company': {
    table: 'crm_companies',
    resource: 'crm.companies',
    path: 'companies',
    name: (r) => r.name,
    columns: ['name'],
  },
  'crm.contact': {
    table: 'crm_contacts',
    resource: 'crm.contacts',
    path: 'contacts',
    name: (r) => fullName(r.first_name, r.last_name),
    columns: ['first_name', 'last_name'],
  },
  'crm.lead': {
    table: 'crm_leads',
    resource: 'crm.leads',
    path: 'leads',
    name: (r) => r.title,
    columns: ['title'],
  },
  'crm.opportunity': {
    table: 'crm_opportunities',
    resource: 'crm.opportunities',
    path: 'opportunities',
    name: (r) => r.name,
    columns: ['name'],
  },
}

/** Record types this facade knows. */
export const CRM_RECORD_TYPES = Object.keys(SOURCES)

/**
 * Cards of the given records that exist (not binned) in the organization; with `access`, only
 * those the user may see (the CRM's scope for each type).
 */
export async function recordCards(
  organizationId: number,
  refs: RecordRef[],
  access?: AccessContext,
  client: Client = db
): Promise<RecordCard[]> {
  const out: RecordCard[] = []
  for (const [type, source] of Object.entries(SOURCES)) {
    const ids = [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))]
    if (!ids.length) continue
    const query = client
      .from(`${source.table} as r`)
      .where('r.organization_id', organizationId)
      .whereIn('r.id', ids)
      .whereNull('r.deleted_at')
      .select('r.id', 'r.owner_id', ...source.columns.map((c) => `r.${c}`))
    if (access) await access.scope(query, source.resource, { table: 'r' })
    for (const row of await query)
      out.push({
        type,
        id: Number(row.id),
        name: source.name(row),
        href: `/crm/${source.path}/${row.id}`,
        ownerId: row.owner_id === null ? null : Number(row.owner_id),
      })
  }
  return out
}

/** Open leads with this e-mail address (organization-wide), newest first. */
export async function findLeadsByEmail(
  organizationId: number,
  email: string,
  client: Client = db
): Promise<number[]> {
  const rows = await client
    .from('crm_leads')
    .where('organization_id', organizationId)
    .where('email_normalized', normalizeEmail(email))
    .whereNull('deleted_at')
    .whereNull('converted_opportunity_id')
    .orderBy('id', 'desc')
    .limit(5)
    .select('id')
  return rows.map((r) => Number(r.id))
}

/** Companies whose website is on this domain (`cliente.es`), for mail from unknown people there. */
export async function findCompaniesByDomain(
  organizationId: number,
  domain: string,
  client: Client = db
): Promise<number[]> {
  const rows = await client
    .from('crm_companies')
    .where('organization_id', organizationId)
    .where('website_domain', domain.toLowerCase())
    .whereNull('deleted_at')
    .orderBy('id')
    .limit(5)
    .select('id')
  return rows.map((r) => Number(r.id))
}

/** The company of each given contact (contacts without one are left out). */
export async function companiesOfContacts(
  organizationId: number,
  contactIds: number[],
  client: Client = db
): Promise<Map<number, number>> {
  if (!contactIds.length) return new Map()
  const rows = await client
    .from('crm_contacts')
    .where('organization_id', organizationId)
    .whereIn('id', contactIds)
    .whereNotNull('company_id')
    .select('id', 'company_id')
  return new Map(rows.map((r) => [Number(r.id), Number(r.company_id)]))
}

/** Contacts that have an e-mail address, with their company (demo mail and samples), by id. */
export async function contactsWithEmail(
  organizationId: number,
  limit: number,
  client: Client = db
): Promise<
  {
    contactId: number
    companyId: number | null
    name: string
    email: string
    company: string | null
  }[]
> {
  const rows = await client
    .from('crm_contacts as c')
    .join('crm_emails as e', 'e.contact_id', 'c.id')
    .leftJoin('crm_companies as co', 'co.id', 'c.company_id')
    .where('c.organization_id', organizationId)
    .whereNull('c.deleted_at')
    .where('e.is_primary', true)
    .orderBy('c.id')
    .limit(limit)
    .select('c.id', 'c.company_id', 'c.first_name', 'c.last_name', 'e.value', 'co.name as company')
  return rows.map((r) => ({
    contactId: Number(r.id),
    companyId: r.company_id === null ? null : Number(r.company_id),
    name: fullName(r.first_name, r.last_name),
    email: String(r.value),
    company: r.company ?? null,
  }))
}

/** Open opportunities of the given companies (id, company, name), newest first. */
export async function openOpportunitiesOf(
  organizationId: number,
  companyIds: number[],
  client: Client = db
): Promise<{ id: number; companyId: number; name: string }[]> {
  if (!companyIds.length) return []
  const rows = await client
    .from('crm_opportunities')
    .where('organization_id', organizationId)
    .whereIn('company_id', companyIds)
    .whereNull('deleted_at')
    .where('status', 'open')
    .orderBy('id', 'desc')
    .select('id', 'company_id', 'name')
  return rows.map((r) => ({ id: Number(r.id), companyId: Number(r.company_id), name: r.name }))
}
