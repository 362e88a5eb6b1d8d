import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction } from '#app/support/db'
import { recordsChanged } from '#app/support/cache'
import { RuleError } from '#app/support/rule_error'
import { notFound } from '#app/support/http'
import { recordHistory } from '#app/history/record_history'
import { weighted } from '../../support/opportunities_money.js'
import { pipelineStages, stageStatus, type Stage } from '../../support/opportunities_stages.js'
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

/**
 * Moves an opportunity to another stage of its team's pipeline: one UPDATE (stage, probability
 * from the stage, weighted amount, status and won/lost dates) and one history entry. Out of
 * scope for `edit` is a 404; a stage of another pipeline or a lost stage without reason is a
 * RuleError. Moving out of a won/lost stage reopens it.
 */
export async function moveOpportunity(params: MoveParams) {
  const { organizationId, access, id } = params
  return inTransaction(params.trx, async (trx) => {
    const query = trx
      .from('crm_opportunities as o')
      .join('crm_pipeline_stages as s', 's.id', 'o.stage_id')
      .where('o.id', id)
      .select(
        'o.id',
        'o.team_id',
        'o.stage_id',
        'o.status',
        'o.probability',
        'o.amount_org_minor',
        'o.lost_reason',
        's.name as stage_name'
      )
    await access.scope(query, OPPORTUNITIES, { table: 'o', action: 'edit' })
    const row = await query.first()
    if (!row) notFound()
    const teamId = row.team_id === null ? null : Number(row.team_id)
    const stages = await pipelineStages(organizationId, teamId, trx)
    const stage = stages.find((s) => s.id === params.stageId)
    if (!stage) throw new RuleError('crm.opportunities.errors.stage', {}, 'stageId')
    if (stage.id === Number(row.stage_id)) return { id, stage, changed: false }
    return applyStage(trx, { ...params, row, stage })
  })
}

type Row = Record<string, any>

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
  }
) {
  const { row, stage } = p
  const status = stageStatus(stage)
  if (status === 'lost' && !p.lostReason)
    throw new RuleError('crm.opportunities.errors.lost_reason', {}, 'lostReason')
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
  await trx
    .from('crm_opportunities')
    .where({ id: p.id, organization_id: p.organizationId })
    .update(changes)
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
