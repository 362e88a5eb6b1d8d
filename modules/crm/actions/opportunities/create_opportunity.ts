import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction, insertId } from '#app/support/db'
import { recordsChanged } from '#app/support/cache'
import { RuleError } from '#app/support/rule_error'
import { resolveOwner } from '#app/access/owners'
import { recordHistory } from '#app/history/record_history'
import { reindexRecords } from '#app/search/indexer'
import type { FieldValues } from '#app/custom_fields/types'
import { customSnapshot, prepareCustomValues, saveCustomValues } from '#app/custom_fields/values'
import { stageStatus } from '../../support/opportunities_stages.js'
import { warmCurrencies } from '../../support/opportunities_money.js'
import {
  OPPORTUNITIES,
  OPPORTUNITY_SUBJECT,
  loadOpportunity,
  opportunitySnapshot,
} from './load_opportunity.js'
import { assertNewLinks } from './opportunity_links.js'
import {
  assertTeam,
  assertVisible,
  currencyOf,
  moneyColumns,
  ownerTeam,
  plainColumns,
  replaceLinks,
  resolveStage,
  type OpportunityInput,
} from './opportunity_columns.js'

export type { OpportunityInput } from './opportunity_columns.js'

export interface CreateOpportunityParams {
  organizationId: number
  actorId: number
  access: AccessContext
  data: OpportunityInput
  /** Validated custom field values, saved with the opportunity. */
  customValues?: FieldValues
  /** The caller's transaction (lead conversion): the opportunity is written in it. */
  trx?: TransactionClientContract
}

/**
 * Creates an opportunity with its contacts and competitors and its first history entry. The
 * stage defaults to the first open stage of the team's pipeline and the probability to the
 * stage's; the amount is converted to the organization's currency at today's rate (stored).
 * A won/lost stage sets the status (lost needs `lostReason`). Refusals are RuleErrors on the
 * field (`ownerId`, `teamId`, `stageId`, `companyId`, `contacts`, `currency`, `lostReason`).
 */
export async function createOpportunity({
  organizationId,
  actorId,
  access,
  data,
  customValues = {},
  trx: outer,
}: CreateOpportunityParams) {
  const ownerId = await resolveOwner({
    access,
    resource: OPPORTUNITIES,
    action: 'create',
    requested: data.ownerId,
    client: outer,
  })
  await prepareCustomValues(organizationId, OPPORTUNITIES, outer)
  await warmCurrencies(organizationId)
  const defaultTeam =
    data.teamId === undefined && !outer ? await ownerTeam(organizationId, ownerId) : null
  return inTransaction(outer, async (trx) => {
    if (data.companyId)
      await assertVisible(trx, access, 'crm.companies', [data.companyId], 'companyId')
    await assertNewLinks(trx, access, null, data)
    const teamId =
      data.teamId === undefined ? defaultTeam : await assertTeam(trx, organizationId, data.teamId)
    const stage = await resolveStage(trx, organizationId, teamId, data.stageId)
    const status = stageStatus(stage)
    if (status === 'lost' && !data.lostReason)
      throw new RuleError('crm.opportunities.errors.lost_reason', {}, 'lostReason')
    const probability = data.probability ?? stage.probability
    const currency = await currencyOf(organizationId, data.currency)
    const amount = BigInt(data.amountMinor ?? 0)
    const now = dbTimestamp()
    const id = await insertId(trx, 'crm_opportunities', {
      ...plainColumns(data),
      ...(await moneyColumns(trx, organizationId, amount, currency, probability)),
      organization_id: organizationId,
      lead_id: data.leadId ?? null,
      stage_id: stage.id,
      team_id: teamId,
      owner_id: ownerId,
      probability,
      status,
      won_at: status === 'won' ? now : null,
      lost_at: status === 'lost' ? now : null,
      lost_reason: status === 'lost' ? data.lostReason : null,
      lost_note: status === 'lost' ? (data.lostNote ?? null) : null,
      stage_entered_at: now,
      created_by: actorId,
      created_at: now,
      updated_at: now,
    })
    await replaceLinks(trx, organizationId, id, data, { contacts: true, competitors: true })
    const record = (await loadOpportunity(trx, organizationId, id))!
    const custom = { organizationId, resource: OPPORTUNITIES, recordId: id, values: customValues }
    const { after } = await saveCustomValues(trx, custom)
    await recordHistory.created(
      { organizationId, actorId, subjectType: OPPORTUNITY_SUBJECT, subjectId: id },
      {
        ...opportunitySnapshot(record),
        ...(await customSnapshot(organizationId, OPPORTUNITIES, after, trx)),
      },
      trx
    )
    await reindexRecords({ resource: OPPORTUNITIES, organizationId, ids: [id], client: trx })
    await recordsChanged(organizationId, OPPORTUNITIES, trx)
    return record
  })
}
