import type { AccessContext } from '#app/access/access_context'
import { cappedCount } from '#app/support/keyset'
import { toIso } from '#app/support/dates'
import { cachedCount, cachedPage } from '#app/support/cache'
import type { CompanyFilters } from '../../validators/companies.js'
import { addressesOf, channelsOf, mainAddress, primaryOf } from '../../support/channels.js'
import { filteredCompanies, sortedPage } from './company_query.js'
import { COMPANIES } from './load_company.js'
import type { CompanyRow } from '../../dto/companies.js'
import { customListValues, type CustomFilter } from '#app/custom_fields/query'
import { tagsOfRecords } from '#app/tags/taggings'
import { companyNames, industriesOf } from './company_group.js'

export type { CompanyRow }

export const PAGE_SIZE = 25

/**
 * One page of companies (keyset, either way), its position, the capped count, and the columns
 * the list shows. Page and count come from the shared cache, dropped by every write of a
 * company or contact and every change of a user (owners' names): app/support/cache.ts. They
 * are keyed by what decides their query — the user's scope, the filters ("mine": whose), the
 * cursor — so a cached answer costs no query building either.
 */
export async function listCompanies(
  access: AccessContext,
  filters: CompanyFilters & { cf?: CustomFilter[]; tags?: number[] },
  pageSize = PAGE_SIZE
) {
  const { count: exact, cursor, before, ...criteria } = filters
  // Rows per page do not change the count: one cached count for every page size.
  delete criteria.per
  const scope = [await access.constraint(COMPANIES), criteria.owner === 'mine' ? access.userId : 0]
  const organizationId = access.organizationId
  const [page, count] = await Promise.all([
    cachedPage(organizationId, COMPANIES, JSON.stringify([scope, filters, pageSize]), () =>
      loadPage(access, filters, pageSize)
    ),
    cachedCount(organizationId, COMPANIES, JSON.stringify([scope, criteria, exact]), () =>
      filteredCompanies(access, filters).then(({ query }) =>
        cappedCount(query, { exact: exact === 'exact' })
      )
    ),
  ])
  const { rows, next, prev, offset } = page
  return { rows, next, prev, offset, count }
}

async function loadPage(
  access: AccessContext,
  filters: CompanyFilters & { cf?: CustomFilter[]; tags?: number[] },
  pageSize: number
) {
  const build = async () => {
    const { query } = await filteredCompanies(access, filters)
    query
      .leftJoin('users as o', 'o.id', 'c.owner_id')
      .select(...COMPANY_ROW_COLUMNS, 'o.full_name as owner_name')
    return { query }
  }
  const found = await sortedPage(build, {
    organizationId: access.organizationId,
    resource: COMPANIES,
    alias: 'c',
    sort: filters.sort,
    limit: pageSize,
    cursor: filters.cursor,
    before: filters.before,
  })
  const rows = await companyRows(access.organizationId, found.rows)
  const ids = rows.map((r) => r.id)
  const [custom, tags] = await Promise.all([
    customListValues(access.organizationId, COMPANIES, ids),
    tagsOfRecords(access.organizationId, COMPANIES, ids),
  ])
  return {
    ...found,
    rows: rows.map((r) => ({ ...r, custom: custom.get(r.id) ?? {}, tags: tags.get(r.id) ?? [] })),
  }
}

/** The columns a list (or export) row is made of (`c` = crm_companies). */
export const COMPANY_ROW_COLUMNS = [
  'c.id',
  'c.name',
  'c.name_normalized',
  'c.legal_name',
  'c.nif',
  'c.type',
  'c.industry',
  'c.owner_id',
  'c.created_at',
  'c.parent_id',
  'c.zone',
  'c.status',
  'c.size',
  'c.strengths',
  'c.weaknesses',
]

/** Rows as the list and the export show them, with main address and primary phone/e-mail. */
export async function companyRows(
  organizationId: number,
  rows: Record<string, any>[]
): Promise<CompanyRow[]> {
  const ids = rows.map((r) => Number(r.id))
  const parents = rows.filter((r) => r.parent_id !== null).map((r) => Number(r.parent_id))
  const [addresses, channels, industries, parentNames] = await Promise.all([
    addressesOf(ids),
    channelsOf('company_id', ids),
    industriesOf(ids),
    companyNames(organizationId, parents),
  ])
  return rows.map((r) => {
    const id = Number(r.id)
    const address = mainAddress(addresses.get(id))
    return {
      id,
      name: r.name,
      legalName: r.legal_name,
      nif: r.nif,
      type: r.type,
      industry: r.industry,
      city: address?.city ?? null,
      province: address?.province ?? null,
      phone: primaryOf(channels.phones.get(id)),
      email: primaryOf(channels.emails.get(id)),
      ownerId: r.owner_id === null || r.owner_id === undefined ? null : Number(r.owner_id),
      ownerName: r.owner_name ?? null,
      createdAt: toIso(r.created_at),
      industries: industries.get(id) ?? [],
      parentId: r.parent_id === null ? null : Number(r.parent_id),
      parentName: r.parent_id === null ? null : (parentNames.get(Number(r.parent_id)) ?? null),
      zone: r.zone ?? null,
      status: r.status ?? null,
      size: r.size ?? null,
      strengths: r.strengths ?? null,
      weaknesses: r.weaknesses ?? null,
    }
  })
}
