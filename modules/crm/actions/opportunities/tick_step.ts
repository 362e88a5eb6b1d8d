import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { notFound } from '#app/support/http'
import { recordHistory } from '#app/history/record_history'
import { pipelineStages } from '../../support/opportunities_stages.js'
import { OPPORTUNITY_SUBJECT, visibleOpportunityId } from './load_opportunity.js'
import { stepOrFail } from './steps.js'

export interface TickStepParams {
  organizationId: number
  actorId: number
  access: AccessContext
  opportunityId: number
  stepId: number
  done: boolean
}

/**
 * Ticks (or unticks) a process step on an opportunity the user may edit (else 404). The step
 * must belong to the opportunity's pipeline (else 404). Who and when are stored; a change
 * writes a timeline entry; ticking a ticked step again changes nothing.
 */
export async function tickStep(params: TickStepParams) {
  const { organizationId, actorId, access, opportunityId, stepId, done } = params
  ;(await visibleOpportunityId(access, opportunityId, 'edit')) ?? notFound()
  const step = await stepOrFail(organizationId, stepId)
  const opportunity = await db
    .from('crm_opportunities')
    .where({ organization_id: organizationId, id: opportunityId })
    .select('team_id')
    .first()
  const stages = await pipelineStages(organizationId, opportunity?.team_id ?? null)
  if (!stages.some((s) => s.id === step.stageId)) notFound()
  await db.transaction(async (trx) => {
    const key = { opportunity_id: opportunityId, step_id: stepId }
    const existing = await trx.from('crm_opportunity_steps').where(key).first()
    if (Boolean(existing) === done) return
    if (done)
      await trx.table('crm_opportunity_steps').insert({
        ...key,
        organization_id: organizationId,
        done_by: actorId,
        done_at: dbTimestamp(),
      })
    else await trx.from('crm_opportunity_steps').where(key).delete()
    await recordHistory.event(
      { organizationId, actorId, subjectType: OPPORTUNITY_SUBJECT, subjectId: opportunityId },
      {
        kind: done ? 'crm.opportunity_step_done' : 'crm.opportunity_step_undone',
        data: { summary: step.name, stepId },
      },
      trx
    )
  })
}
