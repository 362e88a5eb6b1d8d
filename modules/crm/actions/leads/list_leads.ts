import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { AccessContext } from '#app/access/access_context'
import { cappedCount } from '#app/support/keyset'
import { toIso } from '#app/support/dates'
import { LIKE_ESCAPE, likePrefix } from '#app/support/like'
import { applyCreatedRange } from '#app/lists/created_range'
import { tagsOfRecords, whereTagged } from '#app/tags/taggings'
import type { LeadFilters } from '../../validators/leads.js'
import type { LeadRow, LeadStatusDto } from '../../dto/leads.js'
import { applyCustomFilters, customListValues, type CustomFilter } from '#app/custom_fields/query'
import { sortedPage } from '../companies/company_query.js'
import { searchKeys } from '../../support/search.js'
import { fullName } from '../../support/people.js'
import { LEADS, scopeLeads } from './lead_scope.js'

export const PAGE_SIZE = 25

type Filters = LeadFilters & { tags?: number[]; ids?: number[]; cf?: CustomFilter[] }

/**
 * The filtered, scoped leads query (alias `l`) shared by the list, its count and the export.
 * Wrapped in an object: a query builder is thenable and an async function would run it.
 */
export async function filteredLeads(
  access: AccessContext,
  filters: Filters,
  action: 'view' | 'export' = 'view'
): Promise<{ query: DatabaseQueryBuilderContract<any> }> {
  const query = db.from('crm_leads as l')
  await scopeLeads(access, query, { table: 'l', action })
  if (filters.ids) query.whereIn('l.id', filters.ids)
  if (filters.q) {
    // Each key on its own indexed column; the name by prefix.
    const keys = searchKeys(filters.q)
    query.where((w) => {
      w.whereRaw(`l.name_normalized LIKE ? ${LIKE_ESCAPE}`, [likePrefix(keys.name)])
      w.orWhereRaw(`l.company_name_normalized LIKE ? ${LIKE_ESCAPE}`, [likePrefix(keys.name)])
      if (keys.email) w.orWhere('l.email_normalized', keys.email)
      if (keys.phone) w.orWhere('l.phone_normalized', keys.phone)
      if (keys.nif) w.orWhere('l.nif', keys.nif)
    })
  }
  if (filters.status) query.where('l.status', filters.status)
  if (filters.source) query.where('l.source', filters.source)
  if (filters.sector) query.where('l.sector', filters.sector)
  if (filters.province) query.where('l.province', filters.province)
  if (filters.unassigned) query.whereNull('l.owner_id')
  else if (filters.owner)
    query.where('l.owner_id', filters.owner === 'mine' ? access.userId : Number(filters.owner))
  applyCreatedRange(query, 'l.created_at', { from: filters.created_from, to: filters.created_to })
  if (filters.tags?.length)
    whereTagged(query, {
      organizationId: access.organizationId,
      resource: LEADS,
      idColumn: 'l.id',
      tagIds: filters.tags,
    })
  if (filters.cf?.length)
    await applyCustomFilters(query, {
      organizationId: access.organizationId,
      resource: LEADS,
      idColumn: 'l.id',
      filters: filters.cf,
    })
  return { query }
}

/**
 * One keyset page of leads (either way, by a built-in sort or a listed custom field's, the
 * caller having checked it), its position, the capped count, and each row's tags and custom
 * values.
 */
export async function listLeads(access: AccessContext, filters: Filters, pageSize = PAGE_SIZE) {
  const build = async () => {
    const { query } = await filteredLeads(access, filters)
    query.leftJoin('users as o', 'o.id', 'l.owner_id').select(LIST_COLUMNS)
    return { query }
  }
  const [page, count] = await Promise.all([
    sortedPage(build, {
      organizationId: access.organizationId,
      resource: LEADS,
      alias: 'l',
      sort: (filters.sort ?? '-created') as any,
      limit: pageSize,
      cursor: filters.cursor,
      before: filters.before,
    }),
    filteredLeads(access, filters).then(({ query: q }) =>
      cappedCount(q, { exact: filters.count === 'exact' })
    ),
  ])
  const rows = leadRows(page.rows)
  const ids = rows.map((r) => r.id)
  const [tags, custom] = await Promise.all([
    tagsOfRecords(access.organizationId, LEADS, ids),
    customListValues(access.organizationId, LEADS, ids),
  ])
  return {
    ...page,
    rows: rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [], custom: custom.get(r.id) ?? {} })),
    count,
  }
}

export const LIST_COLUMNS = [
  'l.id',
  'l.title',
  'l.first_name',
  'l.last_name',
  'l.company_name',
  'l.name_normalized',
  'l.email',
  'l.phone',
  'l.status',
  'l.source',
  'l.province',
  'l.sector',
  'l.owner_id',
  'l.created_at',
  'o.full_name as owner_name',
]

export function leadRows(rows: Record<string, any>[]): LeadRow[] {
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    name: fullName(r.first_name ?? '', r.last_name),
    companyName: r.company_name,
    email: r.email,
    phone: r.phone,
    status: r.status as LeadStatusDto,
    source: r.source,
    province: r.province,
    sector: r.sector,
    ownerId: r.owner_id === null || r.owner_id === undefined ? null : Number(r.owner_id),
    ownerName: r.owner_name ?? null,
    createdAt: toIso(r.created_at),
  }))
}
