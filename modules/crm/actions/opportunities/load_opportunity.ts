import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { toIso } from '#app/support/dates'
import { historyRef } from '#app/history/record_history'
import { dateOnly } from '#app/settings/currencies'
import { fullName } from '../../support/people.js'
import { moneyText } from '../../support/opportunities_money.js'
import type { OpportunityDetail, OpportunityStatus } from '../../dto/opportunities.js'

export const OPPORTUNITY_SUBJECT = 'crm.opportunity'
export const OPPORTUNITIES = 'crm.opportunities'

/** An opportunity with everything its page, its form and its history need. */
export type OpportunityRecord = OpportunityDetail

/**
 * The id when the opportunity exists in the user's organization and scope for `action`, else
 * null (the caller answers 404: an out-of-scope record looks exactly like a missing one).
 */
export async function visibleOpportunityId(
  access: AccessContext,
  id: number,
  action = 'view',
  client: QueryClientContract = db.connection()
): Promise<number | null> {
  const query = client.from('crm_opportunities as o').where('o.id', id).select('o.id')
  await access.scope(query, OPPORTUNITIES, { table: 'o', action })
  const row = await query.first()
  return row ? Number(row.id) : null
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v))
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/** Loads an opportunity of the organization (no scope: callers have checked it). */
export async function loadOpportunity(
  client: QueryClientContract,
  organizationId: number,
  id: number
): Promise<OpportunityRecord | null> {
  const row = await client
    .from('crm_opportunities as o')
    .join('crm_pipeline_stages as s', 's.id', 'o.stage_id')
    // Every join names the organization: a foreign id never shows another tenant's name.
    .leftJoin('crm_companies as c', (j) =>
      j.on('c.id', 'o.company_id').andOn('c.organization_id', 'o.organization_id')
    )
    .leftJoin('teams as t', 't.id', 'o.team_id')
    .leftJoin('users as u', 'u.id', 'o.owner_id')
    .leftJoin('users as cb', 'cb.id', 'o.created_by')
    .where('o.organization_id', organizationId)
    .where('o.id', id)
    .select(
      'o.*',
      's.name as stage_name',
      'c.name as company_name',
      't.name as team_name',
      'u.full_name as owner_name',
      'cb.full_name as created_by_name'
    )
    .first()
  if (!row) return null
  const [contacts, competitors] = await Promise.all([
    client
      .from('crm_opportunity_contacts as oc')
      .join('crm_contacts as p', 'p.id', 'oc.contact_id')
      .where('oc.opportunity_id', id)
      .where('p.organization_id', organizationId)
      .orderBy('oc.id')
      .select('oc.contact_id', 'oc.role', 'p.first_name', 'p.last_name'),
    client
      .from('crm_opportunity_competitors as oc')
      .join('crm_companies as c', 'c.id', 'oc.company_id')
      .where('oc.opportunity_id', id)
      .where('c.organization_id', organizationId)
      .orderBy('oc.id')
      .select('oc.company_id', 'oc.strengths', 'oc.weaknesses', 'c.name'),
  ])
  return {
    id: Number(row.id),
    name: row.name,
    companyId: num(row.company_id),
    companyName: str(row.company_name),
    leadId: num(row.lead_id),
    stageId: Number(row.stage_id),
    stageName: String(row.stage_name),
    teamId: num(row.team_id),
    teamName: str(row.team_name),
    ownerId: num(row.owner_id),
    ownerName: str(row.owner_name),
    amountMinor: String(row.amount_minor),
    currency: row.currency,
    amountOrgMinor: String(row.amount_org_minor),
    exchangeRate: String(row.exchange_rate),
    weightedOrgMinor: String(row.weighted_org_minor),
    probability: Number(row.probability),
    expectedCloseOn: row.expected_close_on ? dateOnly(row.expected_close_on) : null,
    priority: Number(row.priority),
    source: str(row.source),
    productFamily: str(row.product_family),
    campaignId: num(row.campaign_id),
    lostReason: str(row.lost_reason),
    lostNote: str(row.lost_note),
    status: row.status as OpportunityStatus,
    wonAt: row.won_at ? toIso(row.won_at) : null,
    lostAt: row.lost_at ? toIso(row.lost_at) : null,
    stageEnteredAt: toIso(row.stage_entered_at),
    description: str(row.description),
    createdByName: str(row.created_by_name),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    contacts: contacts.map((c) => ({
      contactId: Number(c.contact_id),
      name: fullName(c.first_name, c.last_name),
      role: str(c.role),
    })),
    competitors: competitors.map((c) => ({
      companyId: Number(c.company_id),
      name: String(c.name),
      strengths: str(c.strengths),
      weaknesses: str(c.weaknesses),
    })),
  }
}

/**
 * What the audit log and the timeline compare: the company as a reference (named only for a
 * reader who may see it), stage, owner and team by name, the amount as text with its currency.
 * `links: false` leaves out contacts and competitors (an edit writes their changes one by one,
 * opportunity_links.ts).
 */
export function opportunitySnapshot(
  o: OpportunityRecord,
  { links = true }: { links?: boolean } = {}
): Record<string, unknown> {
  return {
    name: o.name,
    company: historyRef(o.companyId, o.companyName),
    stage: o.stageName,
    amount: moneyText(o.amountMinor, o.currency),
    probability: o.probability,
    expectedCloseOn: o.expectedCloseOn,
    priority: o.priority,
    owner: o.ownerName,
    team: o.teamName,
    source: o.source,
    productFamily: o.productFamily,
    status: o.status,
    lostReason: o.lostReason,
    ...(links
      ? {
          contacts: o.contacts.length
            ? o.contacts.map((c) => (c.role ? `${c.name} (${c.role})` : c.name))
            : null,
          competitors: o.competitors.length ? o.competitors.map((c) => c.name) : null,
        }
      : {}),
    description: o.description,
  }
}
