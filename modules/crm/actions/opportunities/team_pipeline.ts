import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { notFound } from '#app/support/http'
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

/** Gives a team its own pipeline: a copy of the organization's default stages. */
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

async function stageOrFail(organizationId: number, id: number): Promise<Stage> {
  return (await findStage(db.connection(), organizationId, id)) ?? notFound()
}

export async function updateStage(organizationId: number, id: number, data: StageData) {
  await stageOrFail(organizationId, id)
  await db
    .from('crm_pipeline_stages')
    .where({ id, organization_id: organizationId })
    .update({ ...columns(data), updated_at: dbTimestamp() })
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

/** Deletes an unused stage; one holding opportunities is refused (move them first). */
export async function deleteStage(organizationId: number, id: number) {
  await stageOrFail(organizationId, id)
  const used = await db
    .from('crm_opportunities')
    .where({ organization_id: organizationId, stage_id: id })
    .select('id')
    .first()
  if (used) throw new RuleError('crm.opportunities.errors.stage_in_use')
  await db
    .from('crm_pipeline_steps')
    .where({ organization_id: organizationId, stage_id: id })
    .delete()
  await db.from('crm_pipeline_stages').where({ organization_id: organizationId, id }).delete()
}
