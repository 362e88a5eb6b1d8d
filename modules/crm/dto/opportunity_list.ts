import type { TagChip } from './shared.js'
import type { OpportunityStatus } from './opportunities.js'

/** A row of the opportunities list (money as strings of minor units). */
export interface OpportunityRow {
  id: number
  name: string
  companyId: number | null
  companyName: string | null
  stageId: number
  stageName: string
  status: OpportunityStatus
  amountMinor: string
  currency: string
  amountOrgMinor: string
  weightedOrgMinor: string
  probability: number
  expectedCloseOn: string | null
  priority: number
  source: string | null
  ownerId: number | null
  ownerName: string | null
  teamName: string | null
  createdAt: string
  tags?: TagChip[]
}

/** The filters of the board and the list as the page shows them ('' when not in force). */
export interface OpportunityListFilters {
  team: string
  /** A user's id, `mine` or `none` (unassigned). */
  owner: string
  stage: string
  status: string
  source: string
  priority: string
  closeFrom: string
  closeTo: string
  q: string
  sort: string
  per: number
}

/** Count, total and weighted amount (organization currency) of every row the filters match. */
export interface OpportunityTotals {
  count: number
  totalMinor: string
  weightedMinor: string
}
