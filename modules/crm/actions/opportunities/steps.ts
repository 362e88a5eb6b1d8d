import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp, toIso } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { notFound } from '#app/support/http'
import { findStage } from '../../support/opportunities_stages.js'

/*
 * The sales process (CRM › Equipos): optional steps per stage, a checklist the rep ticks on
 * each opportunity (crm_pipeline_steps, crm_opportunity_steps). Step names are the
 * organization's own words, stored, not translated.
 */

export interface PipelineStep {
  id: number
  stageId: number
  name: string
  position: number
}

type Client = QueryClientContract

const toStep = (r: Record<string, unknown>): PipelineStep => ({
  id: Number(r.id),
  stageId: Number(r.stage_id),
  name: String(r.name),
  position: Number(r.position),
})

/** The steps of some stages, in order (one query). */
export async function stepsOfStages(
  organizationId: number,
  stageIds: number[],
  client: Client = db.connection()
): Promise<PipelineStep[]> {
  if (!stageIds.length) return []
  const rows = await client
    .from('crm_pipeline_steps')
    .where('organization_id', organizationId)
    .whereIn('stage_id', stageIds)
    .orderBy('stage_id')
    .orderBy('position')
    .orderBy('id')
    .select('id', 'stage_id', 'name', 'position')
  return rows.map(toStep)
}

/** One step of the organization, or a 404. */
export async function stepOrFail(
  organizationId: number,
  id: number,
  client: Client = db.connection()
) {
  const row = await client
    .from('crm_pipeline_steps')
    .where({ organization_id: organizationId, id })
    .select('id', 'stage_id', 'name', 'position')
    .first()
  return row ? toStep(row) : notFound()
}

/** Adds a step at the end of a stage's checklist. */
export async function addStep(organizationId: number, stageId: number, name: string) {
  if (!(await findStage(db.connection(), organizationId, stageId))) notFound()
  const last = await db
    .from('crm_pipeline_steps')
    .where({ organization_id: organizationId, stage_id: stageId })
    .max('position as position')
    .first()
  const position =
    last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1
  return insertId(db.connection() as any, 'crm_pipeline_steps', {
    organization_id: organizationId,
    stage_id: stageId,
    name,
    position,
    created_at: dbTimestamp(),
  })
}

export async function renameStep(organizationId: number, id: number, name: string) {
  await stepOrFail(organizationId, id)
  await db
    .from('crm_pipeline_steps')
    .where({ organization_id: organizationId, id })
    .update({ name })
}

/** Swaps a step with its neighbour in its stage. */
export async function moveStep(organizationId: number, id: number, direction: 'up' | 'down') {
  const step = await stepOrFail(organizationId, id)
  await db.transaction(async (trx) => {
    const list = await stepsOfStages(organizationId, [step.stageId], trx)
    const i = list.findIndex((s) => s.id === id)
    const j = direction === 'up' ? i - 1 : i + 1
    if (j < 0 || j >= list.length) return
    ;[list[i], list[j]] = [list[j], list[i]]
    for (const [position, s] of list.entries())
      await trx.from('crm_pipeline_steps').where('id', s.id).update({ position })
  })
}

/** Deletes a step and its ticks (the checklist of every opportunity loses it). */
export async function deleteStep(organizationId: number, id: number) {
  await stepOrFail(organizationId, id)
  await db.transaction(async (trx) => {
    await deleteStepRows(trx, organizationId, [id])
  })
}

/** Removes steps and their ticks (a deleted step or stage). */
export async function deleteStepRows(
  trx: TransactionClientContract,
  organizationId: number,
  ids: number[]
) {
  if (!ids.length) return
  await trx
    .from('crm_opportunity_steps')
    .where('organization_id', organizationId)
    .whereIn('step_id', ids)
    .delete()
  await trx
    .from('crm_pipeline_steps')
    .where('organization_id', organizationId)
    .whereIn('id', ids)
    .delete()
}

/** Copies the steps of `from` stages to `to` stages (same order: a team copying a pipeline). */
export async function copySteps(
  trx: TransactionClientContract,
  organizationId: number,
  pairs: { from: number; to: number }[]
) {
  const target = new Map(pairs.map((p) => [p.from, p.to]))
  const steps = await stepsOfStages(organizationId, [...target.keys()], trx)
  if (!steps.length) return
  const now = dbTimestamp()
  await trx.table('crm_pipeline_steps').multiInsert(
    steps.map((s) => ({
      organization_id: organizationId,
      stage_id: target.get(s.stageId)!,
      name: s.name,
      position: s.position,
      created_at: now,
    }))
  )
}

/** A step of the opportunity's checklist, ticked or not. */
export interface ProcessStep {
  id: number
  name: string
  done: boolean
  doneByName: string | null
  doneAt: string | null
}

/** The opportunity page's "Proceso": the current stage's checklist and earlier stages' counts. */
export interface OpportunityProcess {
  steps: ProcessStep[]
  earlier: { stageId: number; name: string; done: number; total: number }[]
}

/**
 * The process of an opportunity in its pipeline (`stages` in order): the checklist of its
 * current stage and, for the stages before it that have steps, how many were ticked.
 */
export async function opportunityProcess(
  organizationId: number,
  opportunityId: number,
  stageId: number,
  stages: { id: number; name: string }[]
): Promise<OpportunityProcess> {
  const index = stages.findIndex((s) => s.id === stageId)
  const upTo = stages.slice(0, index + 1)
  const steps = await stepsOfStages(
    organizationId,
    upTo.map((s) => s.id)
  )
  if (!steps.length) return { steps: [], earlier: [] }
  const ticks = await db
    .from('crm_opportunity_steps as os')
    .leftJoin('users as u', 'u.id', 'os.done_by')
    .where('os.organization_id', organizationId)
    .where('os.opportunity_id', opportunityId)
    .whereIn(
      'os.step_id',
      steps.map((s) => s.id)
    )
    .select('os.step_id', 'os.done_at', 'u.full_name as done_by_name')
  const byStep = new Map(ticks.map((t) => [Number(t.step_id), t]))
  return {
    steps: steps
      .filter((s) => s.stageId === stageId)
      .map((s) => {
        const tick = byStep.get(s.id)
        return {
          id: s.id,
          name: s.name,
          done: Boolean(tick),
          doneByName: tick?.done_by_name ?? null,
          doneAt: tick ? toIso(tick.done_at) : null,
        }
      }),
    earlier: upTo
      .filter((s) => s.id !== stageId)
      .map((s) => {
        const own = steps.filter((p) => p.stageId === s.id)
        return {
          stageId: s.id,
          name: s.name,
          done: own.filter((p) => byStep.has(p.id)).length,
          total: own.length,
        }
      })
      .filter((s) => s.total > 0),
  }
}
