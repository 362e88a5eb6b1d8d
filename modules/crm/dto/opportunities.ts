/** What the opportunity pages and the board receive (money as strings of minor units). */

export type OpportunityStatus = 'open' | 'won' | 'lost'

export interface OpportunityContactDto {
  contactId: number
  name: string
  role: string | null
}

export interface OpportunityCompetitorDto {
  companyId: number
  name: string
  strengths: string | null
  weaknesses: string | null
}

export interface OpportunityDetail {
  id: number
  name: string
  companyId: number | null
  companyName: string | null
  leadId: number | null
  stageId: number
  stageName: string
  teamId: number | null
  teamName: string | null
  ownerId: number | null
  ownerName: string | null
  amountMinor: string
  currency: string
  amountOrgMinor: string
  exchangeRate: string
  weightedOrgMinor: string
  probability: number
  expectedCloseOn: string | null
  priority: number
  source: string | null
  /** Product family (list crm.product_families): the target of family sales quotas. */
  productFamily: string | null
  campaignId: number | null
  lostReason: string | null
  lostNote: string | null
  status: OpportunityStatus
  wonAt: string | null
  lostAt: string | null
  stageEnteredAt: string
  description: string | null
  createdByName: string | null
  createdAt: string
  updatedAt: string
  contacts: OpportunityContactDto[]
  competitors: OpportunityCompetitorDto[]
}

/** A card of the board. */
export interface OpportunityCard {
  id: number
  name: string
  companyName: string | null
  ownerName: string | null
  amountMinor: string
  currency: string
  amountOrgMinor: string
  probability: number
  priority: number
  expectedCloseOn: string | null
  status: OpportunityStatus
  /** Process steps of its stage ticked / in all (only when the stage has steps). */
  steps?: { done: number; total: number }
}

/** A row of the "Oportunidades" section of a company page. */
export interface CompanyOpportunity {
  id: number
  name: string
  stageName: string
  status: 'open' | 'won' | 'lost'
  amountMinor: string
  currency: string
  ownerName: string | null
  expectedCloseOn: string | null
}
