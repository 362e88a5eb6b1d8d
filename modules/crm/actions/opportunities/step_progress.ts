import db from '@adonisjs/lucid/services/db'
import type { OpportunityCard } from '../../dto/opportunities.js'

/**
 * Gives the board's cards the "2/3" progress of their column's process steps, for every column
 * at once (two grouped queries whatever the number of cards: never one per card). Cards of a
 * stage without steps get none.
 */
export async function addStepProgress(
  organizationId: number,
  columns: { stageId: number; cards: OpportunityCard[] }[]
) {
  const stageIds = columns.filter((c) => c.cards.length).map((c) => c.stageId)
  if (!stageIds.length) return
  const totals = await db
    .from('crm_pipeline_steps')
    .where('organization_id', organizationId)
    .whereIn('stage_id', stageIds)
    .groupBy('stage_id')
    .select('stage_id')
    .count('* as n')
  const totalOf = new Map(totals.map((r) => [Number(r.stage_id), Number(r.n)]))
  const withSteps = columns.filter((c) => totalOf.get(c.stageId))
  const ids = withSteps.flatMap((c) => c.cards.map((card) => card.id))
  if (!ids.length) return
  const ticks = await db
    .from('crm_opportunity_steps as os')
    .join('crm_pipeline_steps as ps', 'ps.id', 'os.step_id')
    .where('os.organization_id', organizationId)
    .whereIn('os.opportunity_id', ids)
    .whereIn('ps.stage_id', [...totalOf.keys()])
    .groupBy('os.opportunity_id', 'ps.stage_id')
    .select('os.opportunity_id', 'ps.stage_id')
    .count('* as n')
  const done = new Map(ticks.map((r) => [`${r.opportunity_id}:${r.stage_id}`, Number(r.n)]))
  for (const column of withSteps)
    for (const card of column.cards)
      card.steps = {
        done: done.get(`${card.id}:${column.stageId}`) ?? 0,
        total: totalOf.get(column.stageId)!,
      }
}
