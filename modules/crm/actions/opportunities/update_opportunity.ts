import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction } from '#app/support/db'
import { recordsChanged } from '#app/support/cache'
import { RuleError } from '#app/support/rule_error'
import { notFound } from '#app/support/http'
import { resolveOwner } from '#app/access/owners'
import { recordHistory } from '#app/history/record_history'
import { reindexRecords } from '#app/search/indexer'
import { stageStatus } from '../../support/opportunities_stages.js'
import { warmCurrencies, weighted } from '../../support/opportunities_money.js'
import {
  OPPORTUNITIES,
  OPPORTUNITY_SUBJECT,
  loadOpportunity,
  opportunitySnapshot,
  visibleOpportunityId,
} from './load_opportunity.js'
import { assertNewLinks, recordLinkChanges } from './opportunity_links.js'
import {
  assertTeam,
  assertVisible,
  currencyOf,
  moneyColumns,
  plainColumns,
  replaceLinks,
  resolveStage,
  type OpportunityInput,
} from './opportunity_columns.js'

export interface UpdateOpportunityParams {
  organizationId: number
  actorId: number
  access: AccessContext
  id: number
  data: OpportunityInput
  trx?: TransactionClientContract
}

/**
 * Edits an opportunity (the form): out of the edit scope is a 404. The amount is converted
 * again only when it or its currency changes (the stored rate stays otherwise); a new stage
 * brings its probability unless one is given. Stage, amount, close date, owner… changes go to
 * the timeline through the one history writer.
 */
export async function updateOpportunity(params: UpdateOpportunityParams) {
  const { organizationId, actorId, access, id, data, trx: outer } = params
  ;(await visibleOpportunityId(access, id, 'edit', outer)) ?? notFound()
  await warmCurrencies(organizationId)
  return inTransaction(outer, async (trx) => {
    const before = (await loadOpportunity(trx, organizationId, id))!
    const ownerId = await resolveOwner({
      access,
      resource: OPPORTUNITIES,
      action: 'edit',
      requested: data.ownerId,
      current: before.ownerId,
      client: trx,
    })
    if (data.companyId && data.companyId !== before.companyId)
      await assertVisible(trx, access, 'crm.companies', [data.companyId], 'companyId')
    await assertNewLinks(trx, access, before, data)
    const teamId =
      data.teamId === undefined ? before.teamId : await assertTeam(trx, organizationId, data.teamId)
    const stage = await resolveStage(trx, organizationId, teamId, data.stageId ?? before.stageId)
    const status = stageStatus(stage)
    const lostReason = status === 'lost' ? (data.lostReason ?? before.lostReason) : null
    if (status === 'lost' && !lostReason)
      throw new RuleError('crm.opportunities.errors.lost_reason', {}, 'lostReason')
    const stageChanged = stage.id !== before.stageId
    const probability = data.probability ?? (stageChanged ? stage.probability : before.probability)
    const currency = await currencyOf(organizationId, data.currency ?? before.currency)
    const amount = BigInt(data.amountMinor ?? before.amountMinor)
    const money =
      amount !== BigInt(before.amountMinor) || currency !== before.currency
        ? await moneyColumns(trx, organizationId, amount, currency, probability)
        : {
            weighted_org_minor: weighted(BigInt(before.amountOrgMinor), probability).toString(),
          }
    const now = dbTimestamp()
    const statusChanged = status !== before.status
    await trx
      .from('crm_opportunities')
      .where({ id, organization_id: organizationId })
      .update({
        ...plainColumns({ ...before, ...data, name: data.name ?? before.name }),
        ...money,
        stage_id: stage.id,
        team_id: teamId,
        owner_id: ownerId,
        probability,
        status,
        lost_reason: lostReason,
        ...(statusChanged
          ? { won_at: status === 'won' ? now : null, lost_at: status === 'lost' ? now : null }
          : {}),
        ...(stageChanged ? { stage_entered_at: now } : {}),
        updated_at: now,
      })
    await replaceLinks(trx, organizationId, id, data, {
      contacts: data.contacts !== undefined || data.contactIds !== undefined,
      competitors: data.competitors !== undefined,
    })
    const after = (await loadOpportunity(trx, organizationId, id))!
    const subject = { organizationId, actorId, subjectType: OPPORTUNITY_SUBJECT, subjectId: id }
    const plain = { links: false }
    await recordHistory.updated(
      subject,
      opportunitySnapshot(before, plain),
      opportunitySnapshot(after, plain),
      trx
    )
    await recordLinkChanges(trx, subject, before, after)
    await reindexRecords({ resource: OPPORTUNITIES, organizationId, ids: [id], client: trx })
    await recordsChanged(organizationId, OPPORTUNITIES, trx)
    return after
  })
}
