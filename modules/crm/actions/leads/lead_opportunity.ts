import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import type { LeadDetail } from '../../dto/leads.js'
import { createOpportunity } from '../opportunities/create_opportunity.js'
import { OPPORTUNITIES } from '../opportunities/load_opportunity.js'
import { lists } from '#app/settings/lists'
import { PRODUCT_FAMILIES_LIST } from '../../quotas/lists.js'

/**
 * The opportunity a converted lead becomes (pipeline's createOpportunity, in the conversion's
 * transaction): named after what the lead wants, for its customer, owned by the lead's owner,
 * in the lead's team, with its source, description, product family (the lead's product of
 * interest when the families list has that code) and a link back (`lead_id`: the
 * opportunity's timeline reads the lead's entries through it). Needs `crm.opportunities.create`.
 */
export async function createLeadOpportunity(params: {
  organizationId: number
  actorId: number
  access: AccessContext
  trx: TransactionClientContract
  lead: LeadDetail
  companyId: number | null
  contactId: number | null
  name?: string
}): Promise<number> {
  const { access, lead } = params
  if (!access.can(`${OPPORTUNITIES}.create`)) throw new RuleError('crm.leads.errors.opportunity')
  const interest = lead.productInterest
  const family =
    interest &&
    (await lists.has(params.organizationId, PRODUCT_FAMILIES_LIST, interest, { active: true }))
      ? interest
      : null
  const opportunity = await createOpportunity({
    organizationId: params.organizationId,
    actorId: params.actorId,
    access,
    trx: params.trx,
    data: {
      name: params.name?.trim() || lead.title,
      companyId: params.companyId,
      contactIds: params.contactId ? [params.contactId] : [],
      ownerId: lead.ownerId ?? undefined,
      teamId: lead.teamId ?? undefined,
      source: lead.source,
      productFamily: family,
      description: lead.description,
      leadId: lead.id,
    },
  })
  return opportunity.id
}
