import { dbTimestamp } from '#app/support/dates'
import { normalizeName } from '../../support/normalize.js'

/** A won opportunity row of the demo data (organization currency, probability 100). */
export function wonOpportunityRow(r: {
  organizationId: number
  name: string
  companyId: number
  stageId: number | null
  teamId: number | null
  ownerId: number
  amountMinor: string
  won: Date
  created: Date
  productFamily?: string
}) {
  return {
    organization_id: r.organizationId,
    name: r.name,
    name_normalized: normalizeName(r.name),
    company_id: r.companyId,
    stage_id: r.stageId,
    team_id: r.teamId,
    owner_id: r.ownerId,
    amount_minor: r.amountMinor,
    currency: 'EUR',
    amount_org_minor: r.amountMinor,
    exchange_rate: '1',
    weighted_org_minor: r.amountMinor,
    probability: 100,
    expected_close_on: r.won.toISOString().slice(0, 10),
    status: 'won',
    won_at: dbTimestamp(r.won),
    ...(r.productFamily ? { product_family: r.productFamily } : {}),
    stage_entered_at: dbTimestamp(r.won),
    created_by: r.ownerId,
    created_at: dbTimestamp(r.created),
    updated_at: dbTimestamp(r.won),
  }
}
