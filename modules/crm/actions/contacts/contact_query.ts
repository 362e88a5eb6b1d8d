import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { AccessContext } from '#app/access/access_context'
import { toIso } from '#app/support/dates'
import type { ContactFilters } from '../../validators/contacts.js'
import { applySearch } from '../../support/search.js'
import { channelsOf, primaryOf } from '../../support/channels.js'
import { COMPANIES } from '../companies/load_company.js'
import { fullName } from '../../support/people.js'
import { CONTACTS } from './load_contact.js'
import type { ContactRow } from '../../dto/contacts.js'
import { applyCreatedRange } from '#app/lists/created_range'
import { whereTagged } from '#app/tags/taggings'
import { applyCustomFilters, type CustomFilter } from '#app/custom_fields/query'

/** The filtered, scoped contacts query (alias `ct`) shared by the list, its count and the export. */
export async function filteredContacts(
  access: AccessContext,
  /** `ids`: only these contacts (an export of a selection, app/bulk). */
  filters: ContactFilters & { cf?: CustomFilter[]; ids?: number[]; tags?: number[] },
  /** `view` for the list and its count, `export` for the export (that action's scope). */
  action: 'view' | 'export' = 'view'
): Promise<{ query: DatabaseQueryBuilderContract<any> }> {
  const query = db.from('crm_contacts as ct')
  await access.scope(query, CONTACTS, { table: 'ct', action })
  if (filters.ids) query.whereIn('ct.id', filters.ids)
  if (filters.q)
    applySearch(query, {
      organizationId: access.organizationId,
      q: filters.q,
      table: 'crm_contacts',
      alias: 'ct',
    })
  if (filters.company) query.where('ct.company_id', filters.company)
  if (filters.consent) query.where('ct.consent_status', filters.consent)
  if (filters.opted_out) query.where('ct.opted_out', filters.opted_out === 'yes')
  if (filters.language) query.where('ct.language', filters.language)
  if (filters.owner)
    query.where('ct.owner_id', filters.owner === 'mine' ? access.userId : Number(filters.owner))
  applyCreatedRange(query, 'ct.created_at', { from: filters.created_from, to: filters.created_to })
  if (filters.tags?.length)
    whereTagged(query, {
      organizationId: access.organizationId,
      resource: CONTACTS,
      idColumn: 'ct.id',
      tagIds: filters.tags,
    })
  if (filters.cf?.length)
    await applyCustomFilters(query, {
      organizationId: access.organizationId,
      resource: CONTACTS,
      idColumn: 'ct.id',
      filters: filters.cf,
    })
  return { query }
}

export const CONTACT_LIST_COLUMNS = [
  'ct.id',
  'ct.first_name',
  'ct.last_name',
  'ct.name_normalized',
  'ct.position',
  'ct.company_id',
  'ct.owner_id',
  'ct.created_at',
  'ct.language',
  'ct.consent_status',
  'ct.opted_out',
  'o.full_name as owner_name',
]

export type { ContactRow }

/**
 * Rows as the list and the export show them. A contact's company is named only when the
 * user may see that company too: a visible contact must not reveal an invisible company.
 */
export async function contactRows(
  access: AccessContext,
  rows: Record<string, any>[]
): Promise<ContactRow[]> {
  const ids = rows.map((r) => Number(r.id))
  const companyIds = [
    ...new Set(rows.filter((r) => r.company_id !== null).map((r) => Number(r.company_id))),
  ]
  const companiesQuery = db
    .from('crm_companies as c')
    .whereIn('c.id', companyIds.length ? companyIds : [0])
    .select('c.id', 'c.name')
  await access.scope(companiesQuery, COMPANIES, { table: 'c' })
  const [channels, companies] = await Promise.all([
    channelsOf('contact_id', ids),
    companyIds.length ? companiesQuery : [],
  ])
  const names = new Map(companies.map((c: any) => [Number(c.id), c.name as string]))
  return rows.map((r) => {
    const id = Number(r.id)
    const companyId = r.company_id === null ? null : Number(r.company_id)
    return {
      id,
      name: fullName(r.first_name, r.last_name),
      position: r.position,
      companyId: companyId !== null && names.has(companyId) ? companyId : null,
      companyName: companyId !== null ? (names.get(companyId) ?? null) : null,
      email: primaryOf(channels.emails.get(id)),
      phone: primaryOf(channels.phones.get(id)),
      ownerId: r.owner_id === null || r.owner_id === undefined ? null : Number(r.owner_id),
      ownerName: r.owner_name ?? null,
      createdAt: toIso(r.created_at),
      language: r.language ?? null,
      consentStatus: r.consent_status ?? 'unknown',
      optedOut: Boolean(r.opted_out),
    }
  })
}
