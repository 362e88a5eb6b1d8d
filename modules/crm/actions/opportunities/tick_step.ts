import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { notFound } from '#app/support/http'
import { recordHistory } from '#app/history/record_history'
import { recordsChanged } from '#app/support/cache'
import { lockRow } from '#app/support/inline_field'
import { pipelineStages } from '../../support/opportunities_stages.js'
import { OPPORTUNITIES, OPPORTUNITY_SUBJECT, visibleOpportunityId } from './load_opportunity.js'
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
 * writes a timeline entry, touches the opportunity's updated_at and its cached lists; ticking
 * a ticked step again (even at the same moment: the unique key decides) changes nothing.
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
    // The opportunity's row lock serializes ticks and edits of the same opportunity.
    await lockRow(trx, 'crm_opportunities', organizationId, opportunityId)
    const key = { opportunity_id: opportunityId, step_id: stepId }
    const changed = done
      ? await insertTick(trx, { ...key, organization_id: organizationId, done_by: actorId })
      : count(await trx.from('crm_opportunity_steps').where(key).delete()) > 0
    if (!changed) return
    await recordHistory.event(
      { organizationId, actorId, subjectType: OPPORTUNITY_SUBJECT, subjectId: opportunityId },
      {
        kind: done ? 'crm.opportunity_step_done' : 'crm.opportunity_step_undone',
        data: { summary: step.name, stepId },
      },
      trx
    )
    await trx
      .from('crm_opportunities')
      .where({ id: opportunityId, organization_id: organizationId })
      .update({ updated_at: dbTimestamp() })
    await recordsChanged(organizationId, OPPORTUNITIES, trx)
  })
}

const count = (result: unknown) =>
  Array.isArray(result) ? Number(result[0] ?? 0) : Number(result ?? 0)

/**
 * Stores a tick unless the step is ticked already (false then). The unique key decides, even
 * against a tick at the same moment; the insert runs in a savepoint, so its failure leaves
 * `trx` usable.
 */
async function insertTick(
  trx: TransactionClientContract,
  row: { opportunity_id: number; step_id: number; organization_id: number; done_by: number }
): Promise<boolean> {
  const key = { opportunity_id: row.opportunity_id, step_id: row.step_id }
  try {
    await trx.transaction((sp) =>
      sp.table('crm_opportunity_steps').insert({ ...row, done_at: dbTimestamp() })
    )
    return true
  } catch (error) {
    if (await trx.from('crm_opportunity_steps').where(key).first()) return false
    throw error
  }
}
