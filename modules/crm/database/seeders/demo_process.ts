import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { insertInBatches } from '#app/support/db'
import type { Stage } from '../../support/opportunities_stages.js'

/** The demo's sales process: steps by stage name (default pipeline and Equipo Norte's). */
const STEPS: Record<string, string[]> = {
  'En análisis': ['Identificar al decisor', 'Detectar la necesidad', 'Confirmar el presupuesto'],
  'Oferta presentada': ['Enviar la oferta', 'Presentar la oferta al decisor'],
  'En negociación': ['Revisar condiciones', 'Aprobar el descuento', 'Enviar el contrato'],
  'Contacto inicial': ['Primera llamada', 'Cualificar la necesidad'],
  'Demostración': ['Preparar la demostración', 'Demostración realizada'],
}

/**
 * A few process steps on the demo pipelines and, on the open opportunities, the steps of earlier
 * stages ticked and some of the current stage's: the checklist and the board's "2/3" show data.
 */
export async function seedProcessDemo(
  trx: TransactionClientContract,
  organizationId: number,
  pipelines: Stage[][],
  opportunities: { id: number; stageId: number; ownerId: number; status: string }[]
) {
  const now = dbTimestamp()
  const rows = pipelines.flatMap((stages) =>
    stages.flatMap((stage) =>
      (STEPS[stage.name] ?? []).map((name, position) => ({
        organization_id: organizationId,
        stage_id: stage.id,
        name,
        position,
        created_at: now,
      }))
    )
  )
  if (!rows.length) return
  await insertInBatches(trx, 'crm_pipeline_steps', rows)
  const stageIds = pipelines.flat().map((s) => s.id)
  const steps = await trx
    .from('crm_pipeline_steps')
    .where('organization_id', organizationId)
    .whereIn('stage_id', stageIds)
    .orderBy('position')
    .select('id', 'stage_id')
  const stepsOf = (stageId: number) =>
    steps.filter((s) => Number(s.stage_id) === stageId).map((s) => Number(s.id))
  const ticks: Record<string, unknown>[] = []
  for (const o of opportunities) {
    if (o.status !== 'open') continue
    const stages = pipelines.find((p) => p.some((s) => s.id === o.stageId)) ?? []
    const index = stages.findIndex((s) => s.id === o.stageId)
    const earlier = stages.slice(0, index).flatMap((s) => stepsOf(s.id))
    const current = stepsOf(o.stageId)
    // Spread by id (not the seed's random: the other demo data keeps its sequence).
    const doneHere = current.slice(0, o.id % (current.length + 1))
    for (const stepId of [...earlier, ...doneHere])
      ticks.push({
        opportunity_id: o.id,
        step_id: stepId,
        organization_id: organizationId,
        done_by: o.ownerId,
        done_at: now,
      })
  }
  if (ticks.length) await insertInBatches(trx, 'crm_opportunity_steps', ticks)
}
