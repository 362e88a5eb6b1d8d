import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import { normalizeName } from '../../support/normalize.js'
import { pipelineStages, type Stage } from '../../support/opportunities_stages.js'
import { toOrgAmount } from '../../support/opportunities_money.js'
import { currencies } from '#app/settings/currencies'
import { teamsOfUser } from '#app/access/user_teams'

/** What a caller (form, quick create, lead conversion, import) gives to create or edit one. */
export interface OpportunityInput {
  name: string
  companyId?: number | null
  /** Contacts with their role (`crm.contact_roles`). */
  contacts?: { contactId: number; role?: string | null }[]
  /** Contacts without role (lead conversion); merged with `contacts`. */
  contactIds?: number[]
  competitors?: { companyId: number; strengths?: string | null; weaknesses?: string | null }[]
  /** Minor units (céntimos) as a string, number or bigint; none: 0. */
  amountMinor?: string | number | bigint | null
  /** ISO code of one of the organization's currencies; none: the default currency. */
  currency?: string | null
  ownerId?: number | null
  /** None: the owner's first team outside a caller's transaction, else none (default pipeline). */
  teamId?: number | null
  /** None: the first open stage of the team's pipeline. */
  stageId?: number | null
  /** 0–100; none: the stage's. */
  probability?: number | null
  expectedCloseOn?: string | null
  priority?: number | null
  source?: string | null
  /** Code of the list crm.product_families. */
  productFamily?: string | null
  campaignId?: number | null
  leadId?: number | null
  lostReason?: string | null
  lostNote?: string | null
  description?: string | null
}

type Client = QueryClientContract | TransactionClientContract

/**
 * The owner's first team, the default team of a new opportunity. Read before the transaction
 * (kernel API on the global connection); a caller composing a transaction passes `teamId`.
 */
export async function ownerTeam(organizationId: number, ownerId: number | null) {
  if (ownerId === null) return null
  const teams = await teamsOfUser(organizationId, ownerId)
  return teams.length ? Math.min(...teams.map((t) => t.id)) : null
}

/** The team when it is the organization's, else RuleError on `teamId`. */
export async function assertTeam(client: Client, organizationId: number, teamId: number | null) {
  if (teamId === null) return null
  const row = await client
    .from('teams')
    .where({ organization_id: organizationId, id: teamId })
    .select('id')
    .first()
  if (!row) throw new RuleError('crm.opportunities.errors.team', {}, 'teamId')
  return teamId
}

/** The stage asked for (it must belong to the team's pipeline) or the first open one. */
export async function resolveStage(
  client: Client,
  organizationId: number,
  teamId: number | null,
  stageId: number | null | undefined
): Promise<Stage> {
  const stages = await pipelineStages(organizationId, teamId, client)
  if (stageId === null || stageId === undefined)
    return stages.find((s) => !s.isWon && !s.isLost) ?? stages[0]
  const stage = stages.find((s) => s.id === stageId)
  if (!stage) throw new RuleError('crm.opportunities.errors.stage', {}, 'stageId')
  return stage
}

/** Refuses ids the user may not see (company, contacts, competitors): RuleError on `field`. */
export async function assertVisible(
  client: Client,
  access: AccessContext,
  resource: 'crm.companies' | 'crm.contacts',
  ids: number[],
  field: string
) {
  const unique = [...new Set(ids)]
  if (!unique.length) return
  const table = resource === 'crm.companies' ? 'crm_companies' : 'crm_contacts'
  const query = client.from(`${table} as r`).whereIn('r.id', unique).select('r.id')
  await access.scope(query, resource, { table: 'r' })
  const rows = await query
  if (rows.length !== unique.length)
    throw new RuleError('crm.opportunities.errors.not_found', {}, field)
}

/** The contacts with roles, `contactIds` merged in (first wins), without duplicates. */
export function contactLinks(data: OpportunityInput) {
  const links = new Map<number, string | null>()
  for (const c of data.contacts ?? [])
    if (!links.has(c.contactId)) links.set(c.contactId, c.role ?? null)
  for (const id of data.contactIds ?? []) if (!links.has(id)) links.set(id, null)
  return [...links].map(([contactId, role]) => ({ contactId, role }))
}

/** The currency code, the organization's default when none. */
export async function currencyOf(organizationId: number, currency?: string | null) {
  if (currency) return currency.toUpperCase()
  const all = await currencies(organizationId)
  return (all.find((c) => c.isDefault) ?? all[0]).code
}

/** The money columns of an amount in a currency at a probability (rate of today stored). */
export async function moneyColumns(
  client: Client,
  organizationId: number,
  amountMinor: bigint,
  currency: string,
  probability: number
) {
  const org = await toOrgAmount(client, organizationId, amountMinor, currency, probability)
  return {
    amount_minor: amountMinor.toString(),
    currency,
    amount_org_minor: org.amountOrgMinor.toString(),
    exchange_rate: org.exchangeRate,
    weighted_org_minor: org.weightedOrgMinor.toString(),
  }
}

/** The plain columns of the input (no money, stage, owner or status). */
export function plainColumns(data: OpportunityInput) {
  return {
    name: data.name.trim(),
    name_normalized: normalizeName(data.name),
    company_id: data.companyId ?? null,
    expected_close_on: data.expectedCloseOn ?? null,
    priority: Math.max(0, Math.min(3, data.priority ?? 0)),
    source: data.source ?? null,
    product_family: data.productFamily ?? null,
    campaign_id: data.campaignId ?? null,
    description: data.description ?? null,
  }
}

/** Replaces an opportunity's contacts and competitors. */
export async function replaceLinks(
  trx: TransactionClientContract,
  organizationId: number,
  opportunityId: number,
  data: OpportunityInput,
  only: { contacts: boolean; competitors: boolean }
) {
  if (only.contacts) {
    await trx.from('crm_opportunity_contacts').where('opportunity_id', opportunityId).delete()
    const rows = contactLinks(data).map((c) => ({
      organization_id: organizationId,
      opportunity_id: opportunityId,
      contact_id: c.contactId,
      role: c.role,
    }))
    if (rows.length) await trx.table('crm_opportunity_contacts').multiInsert(rows)
  }
  if (only.competitors) {
    await trx.from('crm_opportunity_competitors').where('opportunity_id', opportunityId).delete()
    const seen = new Set<number>()
    const rows = (data.competitors ?? [])
      .filter((c) => !seen.has(c.companyId) && seen.add(c.companyId))
      .map((c) => ({
        organization_id: organizationId,
        opportunity_id: opportunityId,
        company_id: c.companyId,
        strengths: c.strengths ?? null,
        weaknesses: c.weaknesses ?? null,
      }))
    if (rows.length) await trx.table('crm_opportunity_competitors').multiInsert(rows)
  }
}
