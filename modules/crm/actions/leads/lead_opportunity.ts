import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import type { LeadDetail } from '../../dto/leads.js'

/**
 * The opportunity a converted lead becomes. The pipeline feature provides createOpportunity
 * (actions/opportunities/create_opportunity.ts); until it is merged, no opportunity is made.
 */
export async function createLeadOpportunity(_params: {
  organizationId: number
  actorId: number
  access: AccessContext
  trx: TransactionClientContract
  lead: LeadDetail
  companyId: number | null
  contactId: number | null
  name?: string
}): Promise<number | null> {
  return null
}
