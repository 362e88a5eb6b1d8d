import { sumMinor } from '../../support/opportunities_money.js'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { AccessContext } from '#app/access/access_context'
import { dateOnly } from '#app/settings/currencies'
import { LIKE_ESCAPE, likePattern } from '#app/support/like'
import { whereTagged } from '#app/tags/taggings'
import { normalizeText } from '../../support/normalize.js'
import { pipelineStages, type Stage } from '../../support/opportunities_stages.js'
import type { OpportunityCard, OpportunityStatus } from '../../dto/opportunities.js'
import { OPPORTUNITIES } from './load_opportunity.js'
import { addStepProgress } from './step_progress.js'

/** Cards per column page ("Cargar más"). */
export const COLUMN_PAGE = 50

/** The board's and the list's filters (the same set, so saved views serve both). */
export interface OpportunityFilters {
  teamId?: number | null
  ownerId?: number | null
  status?: OpportunityStatus | null
  source?: string | null
  priority?: number | null
  closeFrom?: string | null
  closeTo?: string | null
  amountMin?: number | null
  q?: string | null
  /** Only opportunities without owner (wins over `ownerId`). */
  unassigned?: boolean
  /** The list's stage filter (the board shows stages as columns instead). */
  stageId?: number | null
  /** Tagged with any of these tags. */
  tags?: number[]
  /** A selection of the list (export of the selected rows). */
  ids?: number[]
}

type Query = DatabaseQueryBuilderContract<any>

/**
 * Restricts `query` (on `crm_opportunities as o`, in place) to the filtered, scoped
 * opportunities of a pipeline: organization, scope and bin by the resolver, then the filters.
 * Sums and cards read the same restriction, so they always agree. Resolves to nothing: a query
 * builder is thenable, returning it from an async function would run it.
 */
export async function scopeOpportunities(
  query: Query,
  access: AccessContext,
  stages: Stage[] | null,
  filters: OpportunityFilters,
  action: 'view' | 'export' | 'edit' | 'delete' = 'view'
): Promise<void> {
  await access.scope(query, OPPORTUNITIES, { table: 'o', action })
  // The board reads one pipeline's stages; the list (stages null) reads every pipeline.
  if (stages)
    query.whereIn(
      'o.stage_id',
      stages.map((s) => s.id)
    )
  if (filters.ids) query.whereIn('o.id', filters.ids.length ? filters.ids : [0])
  if (filters.teamId) query.where('o.team_id', filters.teamId)
  if (filters.stageId) query.where('o.stage_id', filters.stageId)
  if (filters.unassigned) query.whereNull('o.owner_id')
  else if (filters.ownerId) query.where('o.owner_id', filters.ownerId)
  if (filters.status) query.where('o.status', filters.status)
  if (filters.source) query.where('o.source', filters.source)
  if (filters.priority) query.where('o.priority', '>=', filters.priority)
  if (filters.closeFrom) query.where('o.expected_close_on', '>=', filters.closeFrom)
  if (filters.closeTo) query.where('o.expected_close_on', '<=', filters.closeTo)
  if (filters.amountMin) query.where('o.amount_org_minor', '>=', filters.amountMin)
  // The user's own % and _ are taken literally.
  const q = filters.q ? normalizeText(filters.q) : ''
  if (q) query.whereRaw(`o.name_normalized LIKE ? ${LIKE_ESCAPE}`, [likePattern(q)])
  if (filters.tags?.length)
    whereTagged(query, {
      organizationId: access.organizationId,
      resource: OPPORTUNITIES,
      idColumn: 'o.id',
      tagIds: filters.tags,
    })
}

const opportunities = () => db.from('crm_opportunities as o') as Query

export interface ColumnSums {
  stageId: number
  count: number
  totalMinor: string
  weightedMinor: string
}

/** Per-stage count, total and weighted amounts in the organization's currency, in one GROUP BY. */
export async function columnSums(
  access: AccessContext,
  stages: Stage[],
  filters: OpportunityFilters
): Promise<ColumnSums[]> {
  const query = opportunities()
  await scopeOpportunities(query, access, stages, filters)
  const rows = await query
    .groupBy('o.stage_id')
    .select('o.stage_id')
    .count('* as n')
    .sum('o.amount_org_minor as total')
    .sum('o.weighted_org_minor as weighted')
  const by = new Map(rows.map((r) => [Number(r.stage_id), r]))
  return stages.map((s) => {
    const r = by.get(s.id)
    return {
      stageId: s.id,
      count: Number(r?.n ?? 0),
      // SUM of a bigint column may come back as a number, a string or a decimal string.
      totalMinor: sumMinor(r?.total),
      weightedMinor: sumMinor(r?.weighted),
    }
  })
}

/** One page of a column, newest first (keyset on id: `before` is the last id shown). */
export async function columnCards(
  access: AccessContext,
  stages: Stage[],
  stageId: number,
  filters: OpportunityFilters,
  before?: number | null
): Promise<{ cards: OpportunityCard[]; next: number | null }> {
  const query = opportunities()
  await scopeOpportunities(query, access, stages, filters)
  query
    .where('o.stage_id', stageId)
    .leftJoin('crm_companies as c', 'c.id', 'o.company_id')
    .leftJoin('users as u', 'u.id', 'o.owner_id')
    .orderBy('o.id', 'desc')
    .limit(COLUMN_PAGE + 1)
    .select(
      'o.id',
      'o.name',
      'o.amount_minor',
      'o.currency',
      'o.amount_org_minor',
      'o.probability',
      'o.priority',
      'o.expected_close_on',
      'o.status',
      'c.name as company_name',
      'u.full_name as owner_name'
    )
  if (before) query.where('o.id', '<', before)
  const rows = await query
  const shown = rows.slice(0, COLUMN_PAGE)
  return {
    cards: shown.map((r) => ({
      id: Number(r.id),
      name: r.name,
      companyName: r.company_name ?? null,
      ownerName: r.owner_name ?? null,
      amountMinor: String(r.amount_minor),
      currency: r.currency,
      amountOrgMinor: String(r.amount_org_minor),
      probability: Number(r.probability),
      priority: Number(r.priority),
      expectedCloseOn: r.expected_close_on ? dateOnly(r.expected_close_on) : null,
      status: r.status,
    })),
    next: rows.length > COLUMN_PAGE ? Number(shown[shown.length - 1].id) : null,
  }
}

/**
 * The board of a team's pipeline: its stages, each column's sums and, for stages that are not
 * folded, the first page of cards (a folded column loads when opened).
 */
export async function loadBoard(access: AccessContext, filters: OpportunityFilters) {
  const stages = await pipelineStages(access.organizationId, filters.teamId ?? null)
  const [sums, pages] = await Promise.all([
    columnSums(access, stages, filters),
    Promise.all(
      stages.map((s) =>
        s.folded ? { cards: [], next: null } : columnCards(access, stages, s.id, filters)
      )
    ),
  ])
  const columns = stages.map((s, i) => ({ stageId: s.id, loaded: !s.folded, ...pages[i] }))
  await addStepProgress(access.organizationId, columns)
  return { stages, sums, columns }
}
