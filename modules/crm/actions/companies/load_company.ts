import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { toIso } from '#app/support/dates'
import { addressesOf, channelText, channelsOf, type Address } from '../../support/channels.js'
import type { CompanyDetail } from '../../dto/companies.js'
import { industriesOf } from './company_group.js'

export const COMPANY_SUBJECT = 'crm.company'
export const COMPANIES = 'crm.companies'

/** A company with everything its page, its form and its history need. */
export interface CompanyRecord extends CompanyDetail {
  ownerId: number | null
}

type Client = TransactionClientContract | typeof db

/**
 * The id when the company exists in the user's organization and in their scope for `action`
 * (`view`, `edit`, `delete`), else null (the caller answers 404: an out-of-scope record looks
 * exactly like a missing one).
 */
export async function visibleCompanyId(
  access: AccessContext,
  id: number,
  action = 'view'
): Promise<number | null> {
  const query = db.from('crm_companies as c').where('c.id', id).select('c.id')
  await access.scope(query, COMPANIES, { table: 'c', action })
  const row = await query.first()
  return row ? Number(row.id) : null
}

/** Loads a company of the organization (no scope: callers have checked it). */
export async function loadCompany(
  client: Client,
  organizationId: number,
  id: number
): Promise<CompanyRecord | null> {
  const row = await client
    .from('crm_companies as c')
    .leftJoin('users as o', 'o.id', 'c.owner_id')
    .leftJoin('users as cb', 'cb.id', 'c.created_by')
    .leftJoin('crm_companies as p', 'p.id', 'c.parent_id')
    .where('c.organization_id', organizationId)
    .where('c.id', id)
    .select(
      'c.*',
      'o.full_name as owner_name',
      'cb.full_name as created_by_name',
      'p.name as parent_name'
    )
    .first()
  if (!row) return null
  const [addresses, channels, industries] = await Promise.all([
    addressesOf([id], client),
    channelsOf('company_id', [id], client),
    industriesOf([id], client),
  ])
  return {
    id: Number(row.id),
    name: row.name,
    legalName: row.legal_name,
    type: row.type,
    nif: row.nif,
    website: row.website,
    industry: row.industry,
    ownerId: row.owner_id === null ? null : Number(row.owner_id),
    ownerName: row.owner_name ?? null,
    description: row.description,
    industries: industries.get(id) ?? [],
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    parentName: row.parent_name ?? null,
    zone: row.zone ?? null,
    status: row.status ?? null,
    size: row.size ?? null,
    strengths: row.strengths ?? null,
    weaknesses: row.weaknesses ?? null,
    createdByName: row.created_by_name ?? null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    addresses: addresses.get(id) ?? [],
    phones: channels.phones.get(id) ?? [],
    emails: channels.emails.get(id) ?? [],
  }
}

const addressText = (a: Address) =>
  [a.kind, a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.province, a.country]
    .filter(Boolean)
    .join(', ')

/**
 * What the audit log and the timeline compare: the owner by name (users are not scoped
 * records), lists as lines of text so a changed phone shows as one field. An address line
 * starts with its kind's key (`fiscal, Calle Mayor 12, …`): the page translates it.
 */
export function companySnapshot(c: CompanyRecord): Record<string, unknown> {
  return {
    name: c.name,
    legalName: c.legalName,
    type: c.type,
    nif: c.nif,
    website: c.website,
    industry: c.industry,
    owner: c.ownerName,
    description: c.description,
    industries: lines(c.industries),
    parent: c.parentName,
    zone: c.zone,
    status: c.status,
    size: c.size,
    strengths: c.strengths,
    weaknesses: c.weaknesses,
    addresses: lines(c.addresses.map(addressText)),
    phones: lines(c.phones.map(channelText)),
    emails: lines(c.emails.map(channelText)),
  }
}

/** An empty list is "nothing", so creating a record without phones logs no phones field. */
export const lines = (list: string[]) => (list.length ? list : null)
