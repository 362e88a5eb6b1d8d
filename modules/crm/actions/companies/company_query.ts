import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { toDate, dbTimestamp } from '#app/support/dates'
import { keysetPage, type KeysetOptions, type KeysetPage } from '#app/support/keyset'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { CompanyFilters } from '../../validators/companies.js'
import type { Sort } from '../../validators/shared.js'
import { applySearch } from '../../support/search.js'
import { normalizeName } from '../../support/normalize.js'
import { COMPANIES } from './load_company.js'
import { applyCustomFilters, type CustomFilter } from '#app/custom_fields/query'
import { applyCreatedRange } from '#app/lists/created_range'
import { whereTagged } from '#app/tags/taggings'
import { customSortOf, customSortPage, listedCustomSort } from '#app/custom_fields/sort'

/**
 * The filtered, scoped companies query (alias `c`) shared by the list, its count and the
 * export: every one of them starts from `access.scope`, so out-of-scope rows never appear.
 * Wrapped in an object because a query builder is thenable: returned from an async function
 * it would run.
 */
export async function filteredCompanies(
  access: AccessContext,
  /** `ids`: only these companies (an export of a selection, app/bulk). */
  filters: CompanyFilters & { cf?: CustomFilter[]; ids?: number[]; tags?: number[] },
  /** `view` for the list and its count, `export` for the export (that action's scope). */
  action: 'view' | 'export' = 'view'
): Promise<{ query: DatabaseQueryBuilderContract<any> }> {
  const organizationId = access.organizationId
  const query = db.from('crm_companies as c')
  await access.scope(query, COMPANIES, { table: 'c', action })
  if (filters.ids) query.whereIn('c.id', filters.ids)
  if (filters.q)
    applySearch(query, { organizationId, q: filters.q, table: 'crm_companies', alias: 'c' })
  if (filters.type) query.where('c.type', filters.type)
  if (filters.industry) {
    // The main sector, or one of the extra ones (a semi-join on their own index).
    const industry = filters.industry
    query.where((q) =>
      q
        .where('c.industry', industry)
        .orWhereIn(
          'c.id',
          db
            .from('crm_company_industries')
            .where('organization_id', organizationId)
            .where('industry', industry)
            .select('company_id')
        )
    )
  }
  if (filters.zone) query.where('c.zone', filters.zone)
  if (filters.status) query.where('c.status', filters.status)
  if (filters.size) query.where('c.size', filters.size)
  if (filters.group) {
    const group = filters.group
    query.where((q) => q.where('c.parent_id', group).orWhere('c.id', group))
  }
  if (filters.owner)
    query.where('c.owner_id', filters.owner === 'mine' ? access.userId : Number(filters.owner))
  applyCreatedRange(query, 'c.created_at', { from: filters.created_from, to: filters.created_to })
  // Address filters as semi-joins on their own (organization, value, company) indexes.
  if (filters.province) {
    query.whereIn(
      'c.id',
      db
        .from('crm_addresses')
        .where('organization_id', organizationId)
        .where('province', filters.province)
        .select('company_id')
    )
  }
  if (filters.city) {
    query.whereIn(
      'c.id',
      db
        .from('crm_addresses')
        .where('organization_id', organizationId)
        .where('city_normalized', normalizeName(filters.city, 100))
        .select('company_id')
    )
  }
  if (filters.tags?.length)
    whereTagged(query, {
      organizationId,
      resource: COMPANIES,
      idColumn: 'c.id',
      tagIds: filters.tags,
    })
  if (filters.cf?.length)
    await applyCustomFilters(query, {
      organizationId,
      resource: COMPANIES,
      idColumn: 'c.id',
      filters: filters.cf,
    })
  return { query }
}

/** Keyset order for a sort key: by normalized name or by creation, either way. */
export function keysetFor(sort: Sort | undefined, alias: string) {
  const byCreated = sort === '-created' || sort === 'created'
  const options: Omit<KeysetOptions, 'limit' | 'cursor'> = {
    column: byCreated ? `${alias}.created_at` : `${alias}.name_normalized`,
    idColumn: `${alias}.id`,
    direction: sort === 'name' || sort === 'created' || sort === undefined ? 'asc' : 'desc',
  }
  // The cursor holds the value as the database compares it: UTC "YYYY-MM-DD HH:MM:SS".
  const sortValue = (row: Record<string, any>) =>
    byCreated ? dbTimestamp(toDate(row.created_at)) : row.name_normalized
  return { options, sortValue }
}

/**
 * The sort to use: a custom field's only when the list may sort by it (active, listed,
 * sortable); else none, so the list shows its default order and says so.
 */
export async function checkedSort(
  organizationId: number,
  resource: string,
  sort: Sort | undefined
): Promise<Sort | undefined> {
  if (!customSortOf(sort)) return sort
  return ((await listedCustomSort(organizationId, resource, sort)) ?? undefined) as Sort | undefined
}

/**
 * One keyset page of a list (companies `c` or contacts `ct`) in its sort, built-in or by a
 * custom field (app/custom_fields/sort.ts). `build` returns the filtered, scoped query with its
 * columns selected, `<alias>.id` as `id`.
 */
export async function sortedPage(
  build: () => Promise<{ query: DatabaseQueryBuilderContract<any> }>,
  params: {
    organizationId: number
    resource: string
    alias: string
    sort: Sort | undefined
    limit: number
    cursor?: string | null
    before?: string | null
  }
): Promise<KeysetPage<Record<string, any>>> {
  const { alias, sort, limit, cursor, before } = params
  const custom = customSortOf(sort)
  if (custom)
    return customSortPage(build, {
      organizationId: params.organizationId,
      resource: params.resource,
      idColumn: `${alias}.id`,
      sort: custom,
      limit,
      cursor,
      before,
    })
  const { options, sortValue } = keysetFor(sort, alias)
  const { query } = await build()
  return keysetPage(query, { ...options, limit, cursor, before }, sortValue)
}
