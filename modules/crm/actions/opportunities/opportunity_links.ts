import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { inTransaction } from '#app/support/db'
import { dbTimestamp } from '#app/support/dates'
import { notFound } from '#app/support/http'
import { recordsChanged } from '#app/support/cache'
import { RuleError } from '#app/support/rule_error'
import { lockRow } from '#app/support/inline_field'
import { recordHistory, type HistorySubject } from '#app/history/record_history'
import {
  OPPORTUNITIES,
  OPPORTUNITY_SUBJECT,
  loadOpportunity,
  visibleOpportunityId,
  type OpportunityRecord,
} from './load_opportunity.js'
import { assertVisible, replaceLinks, type OpportunityInput } from './opportunity_columns.js'

/*
 * An opportunity's contacts (with roles) and competitors: the checks every writer applies to
 * newly linked records, the timeline entries of what changed (one per contact or competitor
 * added, removed or given another role) and the record page's direct edit of either list.
 */

/** Company type a competitor must have (crm catalog). */
export const COMPETITOR_TYPE = 'competidor'

/** Refuses competitors that are not companies of type competidor: RuleError on `competitors`. */
export async function assertCompetitorType(
  client: QueryClientContract,
  organizationId: number,
  ids: number[]
) {
  const unique = [...new Set(ids)]
  if (!unique.length) return
  const rows = await client
    .from('crm_companies')
    .where({ organization_id: organizationId, type: COMPETITOR_TYPE })
    .whereIn('id', unique)
    .select('id')
  if (rows.length !== unique.length)
    throw new RuleError('crm.opportunities.competitors.errors.type', {}, 'competitors')
}

/**
 * The links a write adds must be visible to the user (a hidden one is "not found", never
 * named) and competitors must be competidor companies; links already on the opportunity stay
 * even when the user no longer sees them.
 */
export async function assertNewLinks(
  trx: QueryClientContract,
  access: AccessContext,
  before: OpportunityRecord | null,
  data: Pick<OpportunityInput, 'contacts' | 'contactIds' | 'competitors'>
) {
  const knownContacts = new Set(before?.contacts.map((c) => c.contactId) ?? [])
  const contactIds = [
    ...(data.contacts ?? []).map((c) => c.contactId),
    ...(data.contactIds ?? []),
  ].filter((id) => !knownContacts.has(id))
  await assertVisible(trx, access, 'crm.contacts', contactIds, 'contacts')
  const knownRivals = new Set(before?.competitors.map((c) => c.companyId) ?? [])
  const rivals = (data.competitors ?? [])
    .map((c) => c.companyId)
    .filter((id) => !knownRivals.has(id))
  await assertVisible(trx, access, 'crm.companies', rivals, 'competitors')
  await assertCompetitorType(trx, access.organizationId, rivals)
}

const contactText = (c: { name: string; role: string | null }) =>
  c.role ? `${c.name} (${c.role})` : c.name

/**
 * One timeline entry per contact or competitor added or removed and per role changed; the
 * audit log keeps the lists before and after (one `update` row per list that changed).
 */
export async function recordLinkChanges(
  trx: TransactionClientContract,
  subject: HistorySubject,
  before: OpportunityRecord,
  after: OpportunityRecord
) {
  const entries: { kind: string; summary: string }[] = []
  const was = new Map(before.contacts.map((c) => [c.contactId, c]))
  const now = new Map(after.contacts.map((c) => [c.contactId, c]))
  for (const c of after.contacts) {
    const old = was.get(c.contactId)
    if (!old) entries.push({ kind: 'crm.opportunity_contact_added', summary: contactText(c) })
    else if (old.role !== c.role)
      entries.push({ kind: 'crm.opportunity_contact_role', summary: contactText(c) })
  }
  for (const c of before.contacts)
    if (!now.has(c.contactId))
      entries.push({ kind: 'crm.opportunity_contact_removed', summary: contactText(c) })
  const rivalsBefore = new Set(before.competitors.map((c) => c.companyId))
  const rivalsAfter = new Set(after.competitors.map((c) => c.companyId))
  for (const c of after.competitors)
    if (!rivalsBefore.has(c.companyId))
      entries.push({ kind: 'crm.opportunity_competitor_added', summary: c.name })
  for (const c of before.competitors)
    if (!rivalsAfter.has(c.companyId))
      entries.push({ kind: 'crm.opportunity_competitor_removed', summary: c.name })
  for (const e of entries)
    await recordHistory.event(subject, { kind: e.kind, data: { summary: e.summary } }, trx)
  const lists = (o: OpportunityRecord) => ({
    contacts: o.contacts.map(contactText).join(', ') || null,
    competitors:
      o.competitors
        .map((c) => `${c.name}: ${c.strengths ?? ''} / ${c.weaknesses ?? ''}`)
        .join('; ') || null,
  })
  const [from, to] = [lists(before), lists(after)]
  const changes = (['contacts', 'competitors'] as const)
    .filter((k) => from[k] !== to[k])
    .map((field) => ({ field, from: from[field], to: to[field] }))
  if (changes.length) await recordHistory.event(subject, { action: 'update', changes }, trx)
}

export interface SaveLinksParams {
  organizationId: number
  actorId: number
  access: AccessContext
  id: number
  /** The whole new list of contacts with roles (none: unchanged). */
  contacts?: OpportunityInput['contacts']
  /** The whole new list of competitors (none: unchanged). */
  competitors?: OpportunityInput['competitors']
  trx?: TransactionClientContract
}

/**
 * The record page's direct edit of the contacts or the competitors (add, change role,
 * remove) without the full form: out of the edit scope is a 404; the rows are replaced in one
 * transaction with their timeline entries.
 */
export async function saveOpportunityLinks(params: SaveLinksParams) {
  const { organizationId, actorId, access, id, contacts, competitors } = params
  ;(await visibleOpportunityId(access, id, 'edit', params.trx)) ?? notFound()
  return inTransaction(params.trx, async (trx) => {
    // Under the row lock: two edits at once each read the lists the other left.
    await lockRow(trx, 'crm_opportunities', organizationId, id)
    const before = (await loadOpportunity(trx, organizationId, id))!
    const data = { name: before.name, contacts, competitors }
    await assertNewLinks(trx, access, before, data)
    await replaceLinks(trx, organizationId, id, data, {
      contacts: contacts !== undefined,
      competitors: competitors !== undefined,
    })
    const after = (await loadOpportunity(trx, organizationId, id))!
    const subject = { organizationId, actorId, subjectType: OPPORTUNITY_SUBJECT, subjectId: id }
    await recordLinkChanges(trx, subject, before, after)
    await trx
      .from('crm_opportunities')
      .where({ id, organization_id: organizationId })
      .update({ updated_at: dbTimestamp() })
    await recordsChanged(organizationId, OPPORTUNITIES, trx)
    return after
  })
}
