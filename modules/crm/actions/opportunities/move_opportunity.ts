import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { recordsChanged } from '#app/support/cache'
import { RuleError } from '#app/support/rule_error'
import { notFound } from '#app/support/http'
import { recordHistory } from '#app/history/record_history'
import { weighted } from '../../support/opportunities_money.js'
import {
  pipelineStages,
  stageStatus,
  toStage,
  type Stage,
} from '../../support/opportunities_stages.js'
import { OPPORTUNITIES, OPPORTUNITY_SUBJECT } from './load_opportunity.js'

export interface MoveParams {
  organizationId: number
  actorId: number
  access: AccessContext
  id: number
  stageId: number
  /** Required when the stage is a lost one (`crm.lost_reasons`). */
  lostReason?: string | null
  lostNote?: string | null
  trx?: TransactionClientContract
}

/** What a move reads of the opportunity (scope applied), and how the guarded UPDATE pins it. */
const READ = [
  'o.id',
  'o.team_id',
  'o.owner_id',
  'o.stage_id',
  'o.status',
  'o.probability',
  'o.amount_org_minor',
  'o.lost_reason',
]

/**
 * Moves an opportunity to another stage of its team's pipeline: one UPDATE (stage, probability
 * from the stage, weighted amount, status and won/lost dates) and one history entry. Out of
 * scope for `edit` is a 404; a stage of another pipeline or a lost stage without reason is a
 * RuleError. Moving out of a won/lost stage reopens it.
 *
 * Without a caller's transaction the reads (the row in scope, the stages) come first, outside
 * the write transaction: SQLite has one writer (and the app one connection to it), so the
 * write transaction holds just the UPDATE and the history rows. The UPDATE is guarded by every
 * column read (owner included: the scope was checked on it); when a concurrent write changed
 * one of them in between, it updates nothing and the move is done again inside the
 * transaction, as with a caller's transaction.
 */
export async function moveOpportunity(params: MoveParams) {
  if (params.trx) return moveIn(params.trx, params)
  const found = await readMove(db.connection(), params)
  if (!found.changed) return found.result
  const { row, stage } = found
  checkLostReason(stage, params)
  return db.transaction(async (trx) => {
    const guard = (q: any) => {
      for (const column of READ) {
        const name = column.slice(2)
        if (name === 'id') continue
        if (row[name] === null) q.whereNull(name)
        else q.where(name, row[name])
      }
      return q.whereNull('deleted_at')
    }
    const applied = await applyStage(trx, { ...params, row, stage }, guard)
    return applied ?? moveIn(trx, params)
  })
}

async function moveIn(trx: TransactionClientContract, params: MoveParams) {
  const found = await readMove(trx, params)
  if (!found.changed) return found.result
  checkLostReason(found.stage, params)
  return (await applyStage(trx, { ...params, row: found.row, stage: found.stage }))!
}

type Row = Record<string, any>
type Client = QueryClientContract | TransactionClientContract

/** The target stage's columns, read with the opportunity (prefixed `t_`). */
const TARGET = ['id', 'team_id', 'name', 'probability', 'folded', 'is_won', 'is_lost', 'position']

/**
 * The select list of `readMove`, in one piece (built once: the hot path of the board): the
 * columns read, the current stage's name, the target stage's columns (one `?` each: its id)
 * and whether the opportunity's team has stages of its own.
 */
const READ_SQL = [
  ...READ,
  '(SELECT s.name FROM crm_pipeline_stages s WHERE s.id = o.stage_id) AS stage_name',
  ...TARGET.map(
    (c) =>
      `(SELECT t.${c} FROM crm_pipeline_stages t WHERE t.organization_id = o.organization_id ` +
      `AND t.id = ?) AS t_${c}`
  ),
  'CASE WHEN EXISTS (SELECT 1 FROM crm_pipeline_stages ps WHERE ps.organization_id = ' +
    'o.organization_id AND ps.team_id = o.team_id) THEN 1 ELSE 0 END AS own_stages',
].join(', ')

/**
 * The opportunity in `edit` scope (else 404) and the target stage of its pipeline (else 422),
 * in one query: the target stage's columns come by id, with whether the opportunity's team has
 * stages of its own. Only when there is no such stage does the pipeline's list get read
 * (`pipelineStage`, which also creates a missing default pipeline).
 *
 * The stages come in scalar subqueries, not joins, and the row without `LIMIT ?` (it is read by
 * id): SQLite prepares a statement again on every run when a bound LIMIT or a bound value in a
 * joined query may change its plan, and preparing this one cost some 20 times running it.
 */
async function readMove(client: Client, params: MoveParams) {
  const { organizationId, access, id } = params
  const query = client
    .from('crm_opportunities as o')
    .where('o.id', id)
    .select(
      client.raw(
        READ_SQL,
        TARGET.map(() => params.stageId)
      )
    )
  await access.scope(query, OPPORTUNITIES, { table: 'o', action: 'edit' })
  const row: Row | undefined = (await query)[0]
  if (!row) notFound()
  const teamId = row.team_id === null ? null : Number(row.team_id)
  const stage =
    row.t_id === null
      ? await pipelineStage(client, organizationId, teamId, params.stageId)
      : targetOf(row, teamId)
  if (!stage) throw new RuleError('crm.opportunities.errors.stage', {}, 'stageId')
  if (stage.id === Number(row.stage_id))
    return { changed: false as const, result: { id, stage, changed: false } }
  return { changed: true as const, row, stage }
}

/**
 * The target stage read with the row if it is in the opportunity's pipeline: the team's own stages when
 * it has any, else the organization's default ones.
 */
function targetOf(row: Row, teamId: number | null): Stage | undefined {
  const target = toStage(Object.fromEntries(TARGET.map((c) => [c, row[`t_${c}`]])))
  const own = teamId !== null && Number(row.own_stages) === 1
  return (own ? target.teamId === teamId : target.teamId === null) ? target : undefined
}

/**
 * Stage `stageId` if it belongs to the pipeline of `teamId` (its own stages, else the
 * organization's default ones): the team's and the default stages in one read.
 */
async function pipelineStage(
  client: Client,
  organizationId: number,
  teamId: number | null,
  stageId: number
): Promise<Stage | undefined> {
  const rows = await client
    .from('crm_pipeline_stages')
    .where('organization_id', organizationId)
    .where((q) => {
      q.whereNull('team_id')
      if (teamId !== null) q.orWhere('team_id', teamId)
    })
    .select('*')
  const own = teamId !== null && rows.some((r) => Number(r.team_id) === teamId)
  const pipeline = rows.filter((r) => (own ? Number(r.team_id) === teamId : r.team_id === null))
  // No default pipeline yet: the shared helper creates it.
  if (!pipeline.length)
    return (await pipelineStages(organizationId, teamId, client)).find((s) => s.id === stageId)
  const stage = pipeline.find((r) => Number(r.id) === stageId)
  return stage ? toStage(stage) : undefined
}

/** Rows an UPDATE changed, as the drivers say it (a number, or one in an array). */
const affected = (result: unknown) => Number(Array.isArray(result) ? result[0] : result) > 0

function checkLostReason(stage: Stage, params: MoveParams) {
  if (stageStatus(stage) === 'lost' && !params.lostReason)
    throw new RuleError('crm.opportunities.errors.lost_reason', {}, 'lostReason')
}

/** The UPDATE and the history; undefined when `guard` let no row through. */
async function applyStage(
  trx: TransactionClientContract,
  p: {
    organizationId: number
    actorId: number
    id: number
    row: Row
    stage: Stage
    lostReason?: string | null
    lostNote?: string | null
  },
  guard: (query: any) => any = (q) => q
) {
  const { row, stage } = p
  const status = stageStatus(stage)
  const now = dbTimestamp()
  const changes: Record<string, unknown> = {
    stage_id: stage.id,
    probability: stage.probability,
    weighted_org_minor: weighted(BigInt(row.amount_org_minor), stage.probability).toString(),
    status,
    stage_entered_at: now,
    updated_at: now,
  }
  if (status !== row.status) {
    changes.won_at = status === 'won' ? now : null
    changes.lost_at = status === 'lost' ? now : null
    changes.lost_reason = status === 'lost' ? p.lostReason : null
    changes.lost_note = status === 'lost' ? (p.lostNote ?? null) : null
  }
  const updated = await guard(
    trx.from('crm_opportunities').where({ id: p.id, organization_id: p.organizationId })
  ).update(changes)
  if (!affected(updated)) return undefined
  await recordHistory.updated(
    {
      organizationId: p.organizationId,
      actorId: p.actorId,
      subjectType: OPPORTUNITY_SUBJECT,
      subjectId: p.id,
    },
    {
      stage: row.stage_name,
      probability: Number(row.probability),
      status: row.status,
      lostReason: row.lost_reason ?? null,
    },
    {
      stage: stage.name,
      probability: stage.probability,
      status,
      lostReason: status === 'lost' ? p.lostReason : status === row.status ? row.lost_reason : null,
    },
    trx
  )
  await recordsChanged(p.organizationId, OPPORTUNITIES, trx)
  return { id: p.id, stage, changed: true }
}

/**
 * Reopens a won or lost opportunity: back to `stageId` or the first open stage of its pipeline.
 */
export async function reopenOpportunity(
  params: Omit<MoveParams, 'stageId'> & { stageId?: number }
) {
  const { organizationId, access, id } = params
  const query = (params.trx ?? db)
    .from('crm_opportunities as o')
    .where('o.id', id)
    .select('o.status', 'o.team_id')
  await access.scope(query, OPPORTUNITIES, { table: 'o', action: 'edit' })
  const row = await query.first()
  if (!row) notFound()
  if (row.status === 'open')
    throw new RuleError('crm.opportunities.errors.not_closed', {}, 'status')
  const teamId = row.team_id === null ? null : Number(row.team_id)
  const stages = await pipelineStages(organizationId, teamId, params.trx)
  const open = stages.filter((s) => !s.isWon && !s.isLost)
  const target = params.stageId ? open.find((s) => s.id === params.stageId) : open[0]
  if (!target) throw new RuleError('crm.opportunities.errors.stage', {}, 'stageId')
  return moveOpportunity({ ...params, stageId: target.id })
}
