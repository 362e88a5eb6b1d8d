import { sumMinor } from '../../support/opportunities_money.js'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { AccessContext } from '#app/access/access_context'
import { keysetPage, type CappedCount } from '#app/support/keyset'
import { toIso } from '#app/support/dates'
import { dateOnly } from '#app/settings/currencies'
import { tagsOfRecords } from '#app/tags/taggings'
import type { OpportunityRow, OpportunityTotals } from '../../dto/opportunity_list.js'
import { tagFilterOf } from '#app/tags/filter'
import type { OpportunityListQuery, OpportunitySort } from '../../validators/opportunity_list.js'
import { keysetFor } from '../companies/company_query.js'
import { scopeOpportunities, type OpportunityFilters } from './board.js'
import { OPPORTUNITIES } from './load_opportunity.js'

export const PAGE_SIZE = 25

export type ListFilters = OpportunityFilters & {
  sort?: OpportunitySort
  cursor?: string | null
  before?: string | null
}

/** The filters of a validated query string (`owner=mine` is `userId`; `tag=1,2` the tags). */
export function listFiltersOf(
  q: Partial<OpportunityListQuery>,
  userId: number,
  qs: Record<string, unknown>
): ListFilters {
  return {
    teamId: q.team ?? null,
    ownerId: q.owner === 'mine' ? userId : q.owner ? Number(q.owner) : null,
    unassigned: q.unassigned === '1',
    stageId: q.stage ?? null,
    status: q.status ?? null,
    source: q.source ?? null,
    priority: q.priority ?? null,
    closeFrom: q.closeFrom ?? null,
    closeTo: q.closeTo ?? null,
    amountMin: q.amountMin ?? null,
    q: q.q ?? null,
    tags: tagFilterOf(qs),
    sort: q.sort,
    cursor: q.cursor ?? null,
    before: q.before ?? null,
  }
}

/**
 * The filtered, scoped opportunities (alias `o`) of every pipeline, shared by the list, its
 * count and sums, and the export. The same restriction as the board's (board.ts), without the
 * board's one-pipeline stage set. Wrapped in an object: a query builder is thenable and an
 * async function would run it.
 */
export async function filteredOpportunities(
  access: AccessContext,
  filters: OpportunityFilters,
  action: 'view' | 'export' = 'view'
): Promise<{ query: DatabaseQueryBuilderContract<any> }> {
  const query = db.from('crm_opportunities as o')
  await scopeOpportunities(query, access, null, filters, action)
  return { query }
}

/** Count, total and weighted amount of what the filters match in the user's scope. */
export async function opportunityTotals(
  access: AccessContext,
  filters: OpportunityFilters
): Promise<OpportunityTotals> {
  const { query } = await filteredOpportunities(access, filters)
  const row = await query
    .count('* as n')
    .sum('o.amount_org_minor as total')
    .sum('o.weighted_org_minor as weighted')
    .first()
  // SUM of a bigint column may come back as a number, a string or a decimal string.
  return {
    count: Number(row?.n ?? 0),
    totalMinor: sumMinor(row?.total),
    weightedMinor: sumMinor(row?.weighted),
  }
}

/** The columns a list row (and an export row) reads, with its joins. */
export function withRowColumns(query: DatabaseQueryBuilderContract<any>) {
  return query
    .join('crm_pipeline_stages as s', 's.id', 'o.stage_id')
    .leftJoin('crm_companies as c', 'c.id', 'o.company_id')
    .leftJoin('users as u', 'u.id', 'o.owner_id')
    .leftJoin('teams as tm', 'tm.id', 'o.team_id')
    .select(
      'o.id',
      'o.name',
      'o.name_normalized',
      'o.company_id',
      'o.stage_id',
      'o.status',
      'o.amount_minor',
      'o.currency',
      'o.amount_org_minor',
      'o.weighted_org_minor',
      'o.probability',
      'o.expected_close_on',
      'o.priority',
      'o.source',
      'o.owner_id',
      'o.created_at',
      's.name as stage_name',
      'c.name as company_name',
      'u.full_name as owner_name',
      'tm.name as team_name'
    )
}

export function opportunityRows(rows: Record<string, any>[]): OpportunityRow[] {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    companyId: num(r.company_id),
    companyName: r.company_name ?? null,
    stageId: Number(r.stage_id),
    stageName: r.stage_name,
    status: r.status,
    amountMinor: String(r.amount_minor),
    currency: r.currency,
    amountOrgMinor: String(r.amount_org_minor),
    weightedOrgMinor: String(r.weighted_org_minor),
    probability: Number(r.probability),
    expectedCloseOn: r.expected_close_on ? dateOnly(r.expected_close_on) : null,
    priority: Number(r.priority),
    source: r.source ?? null,
    ownerId: num(r.owner_id),
    ownerName: r.owner_name ?? null,
    teamName: r.team_name ?? null,
    createdAt: toIso(r.created_at),
  }))
}

/**
 * One keyset page of the list (either way) in its sort — name or creation, each read along an
 * (organization, deleted_at, column, id) index of migration 0026 — its position, and the count
 * and sums of every matching row (the sums read every row anyway, so the count is exact and
 * comes with them: no separate capped count).
 */
export async function listOpportunities(
  access: AccessContext,
  filters: ListFilters,
  pageSize = PAGE_SIZE
) {
  const { options, sortValue } = keysetFor(filters.sort ?? '-created', 'o')
  const { query } = await filteredOpportunities(access, filters)
  withRowColumns(query)
  const [page, totals] = await Promise.all([
    keysetPage(
      query,
      { ...options, limit: pageSize, cursor: filters.cursor, before: filters.before },
      sortValue
    ),
    opportunityTotals(access, filters),
  ])
  const count: CappedCount = { value: totals.count, capped: false }
  const rows = opportunityRows(page.rows)
  const tags = await tagsOfRecords(
    access.organizationId,
    OPPORTUNITIES,
    rows.map((r) => r.id)
  )
  return {
    ...page,
    rows: rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] })),
    count,
    totals,
  }
}
