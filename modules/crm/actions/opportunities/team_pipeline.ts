import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { notFound } from '#app/support/http'
import { recordsChanged } from '#app/support/cache'
import { weighted } from '../../support/opportunities_money.js'
import { OPPORTUNITIES } from './load_opportunity.js'
import { copySteps, deleteStepRows, stepsOfStages } from './steps.js'
import {
  findStage,
  insertDefaultStages,
  pipelineStages,
  teamHasStages,
  type Stage,
} from '../../support/opportunities_stages.js'

/*
 * A sales team's pipeline (CRM › Equipos): its own stages, or the organization's default
 * (team NULL) until it copies it. Stages are proper names of the organization, not translated.
 */

export interface StageData {
  name: string
  probability: number
  folded?: boolean
  isWon?: boolean
  isLost?: boolean
}

const columns = (d: StageData) => ({
  name: d.name,
  probability: d.probability,
  folded: d.folded ?? false,
  is_won: d.isWon ?? false,
  // One stage cannot be both won and lost: won wins.
  is_lost: (d.isLost ?? false) && !d.isWon,
})

/** Gives a team its own pipeline: a copy of the organization's default stages and their steps. */
export async function copyDefaultPipeline(organizationId: number, teamId: number) {
  const team = await db.from('teams').where({ organization_id: organizationId, id: teamId }).first()
  if (!team) notFound()
  await db.transaction(async (trx) => {
    if (await teamHasStages(trx, organizationId, teamId)) return
    const base = await pipelineStages(organizationId, null, trx)
    if (!base.length) return insertDefaultStages(trx, organizationId, teamId)
    const now = dbTimestamp()
    await trx.table('crm_pipeline_stages').multiInsert(
      base.map((s, position) => ({
        organization_id: organizationId,
        team_id: teamId,
        ...columns(s),
        position,
        created_at: now,
        updated_at: now,
      }))
    )
    const copies = await pipelineStages(organizationId, teamId, trx)
    await copySteps(
      trx,
      organizationId,
      base.map((s, i) => ({ from: s.id, to: copies[i].id }))
    )
  })
}

/** Adds a stage at the end of a pipeline (team NULL: the default one). */
export async function addStage(organizationId: number, teamId: number | null, data: StageData) {
  const stages = await pipelineStages(organizationId, teamId)
  // A team without its own pipeline edits the default one only through `teamId` null.
  if (teamId !== null && stages.some((s) => s.teamId !== teamId)) notFound()
  const now = dbTimestamp()
  await db.table('crm_pipeline_stages').insert({
    organization_id: organizationId,
    team_id: teamId,
    ...columns(data),
    position: stages.length ? Math.max(...stages.map((s) => s.position)) + 1 : 0,
    created_at: now,
    updated_at: now,
  })
}

async function stageOrFail(
  organizationId: number,
  id: number,
  client: QueryClientContract = db.connection()
): Promise<Stage> {
  return (await findStage(client, organizationId, id)) ?? notFound()
}

/** The first opportunity of a stage (any status), or undefined. */
const firstIn = (client: QueryClientContract, organizationId: number, stageId: number) =>
  client
    .from('crm_opportunities')
    .where({ organization_id: organizationId, stage_id: stageId })
    .select('id')
    .first()

/**
 * Renames or re-weights a stage. Turning it into (or out of) a won/lost stage while it holds
 * opportunities is refused: their status, won/lost dates and lost reason would no longer match.
 * A new probability is carried to its open opportunities (and their weighted amount) so that
 * the board and the forecast sums stay consistent, in the same transaction.
 */
export async function updateStage(organizationId: number, id: number, data: StageData) {
  await db.transaction(async (trx) => {
    const stage = await stageOrFail(organizationId, id, trx)
    const next = columns(data)
    const kindChanged = next.is_won !== stage.isWon || next.is_lost !== stage.isLost
    if (kindChanged && (await firstIn(trx, organizationId, id)))
      throw new RuleError('crm.opportunities.errors.stage_kind_in_use')
    const now = dbTimestamp()
    await trx
      .from('crm_pipeline_stages')
      .where({ id, organization_id: organizationId })
      .update({ ...next, updated_at: now })
    if (next.probability !== stage.probability)
      await reweightOpen(trx, organizationId, id, next.probability, now)
  })
}

/** Gives the open opportunities of a stage its new probability and their weighted amount. */
async function reweightOpen(
  trx: TransactionClientContract,
  organizationId: number,
  stageId: number,
  probability: number,
  now: string
) {
  const rows = await trx
    .from('crm_opportunities')
    .where({ organization_id: organizationId, stage_id: stageId, status: 'open' })
    .select('id', 'amount_org_minor')
  if (!rows.length) return
  // Opportunities with the same amount share one UPDATE (integer maths in JS, never floats).
  const byAmount = new Map<string, number[]>()
  for (const r of rows) {
    const amount = String(r.amount_org_minor)
    byAmount.set(amount, [...(byAmount.get(amount) ?? []), Number(r.id)])
  }
  for (const [amount, ids] of byAmount)
    for (let i = 0; i < ids.length; i += 500)
      await trx
        .from('crm_opportunities')
        .where('organization_id', organizationId)
        .whereIn('id', ids.slice(i, i + 500))
        .update({
          probability,
          weighted_org_minor: weighted(BigInt(amount), probability).toString(),
          updated_at: now,
        })
  await recordsChanged(organizationId, OPPORTUNITIES, trx)
}

/** Swaps a stage with its neighbour (`up` or `down`) in its pipeline. */
export async function moveStage(organizationId: number, id: number, direction: 'up' | 'down') {
  const stage = await stageOrFail(organizationId, id)
  await db.transaction(async (trx) => {
    const list = await pipelineStages(organizationId, stage.teamId, trx)
    const i = list.findIndex((s) => s.id === id)
    const j = direction === 'up' ? i - 1 : i + 1
    if (j < 0 || j >= list.length) return
    const order = [...list]
    ;[order[i], order[j]] = [order[j], order[i]]
    for (const [position, s] of order.entries())
      await trx.from('crm_pipeline_stages').where('id', s.id).update({ position })
  })
}

/**
 * Deletes an unused stage; one holding opportunities is refused (move them first). The check
 * and the deletes share a transaction so that an opportunity moved in meanwhile is not orphaned.
 */
export async function deleteStage(organizationId: number, id: number) {
  await db.transaction(async (trx) => {
    await stageOrFail(organizationId, id, trx)
    if (await firstIn(trx, organizationId, id))
      throw new RuleError('crm.opportunities.errors.stage_in_use')
    const steps = await stepsOfStages(organizationId, [id], trx)
    await deleteStepRows(
      trx,
      organizationId,
      steps.map((p) => p.id)
    )
    await trx.from('crm_pipeline_stages').where({ organization_id: organizationId, id }).delete()
  })
}
