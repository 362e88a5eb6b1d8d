import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { insertInBatches } from '#app/support/db'
import { updateRows } from '#app/support/bulk'
import { historyRef, recordHistoryMany } from '#app/history/record_history'
import { timeline } from '#app/history/timeline'
import { indexLeads } from '../search/leads.js'
import { decideAll } from './engine.js'
import {
  ASSIGNMENTS,
  MEMBERS,
  RULES,
  loadLeads,
  loadRules,
  loadState,
  type OpenCounts,
} from './load.js'
import type { Decision, LeadFacts, Rule } from './types.js'

export { OpenCounts } from './load.js'

/** Timeline kinds of a lead (declared in features/assignment.ts). */
export const ASSIGNED_KIND = 'crm.lead_assigned'
export const QUEUED_KIND = 'crm.lead_queued'

/**
 * Runs the organization's assignment rules over new leads that have no owner (created by hand
 * without one, imported, or sent by a web form), inside the caller's transaction: sets each
 * lead's owner (or leaves it in the fallback queue) and stores why. Everything the rules need
 * is read once per call (modules/crm/assignment/load.ts), so a batch costs a handful of
 * queries plus chunked writes.
 */
export async function assignLeads(
  trx: TransactionClientContract,
  organizationId: number,
  leadIds: number[]
): Promise<void> {
  await runAssignment(trx, organizationId, leadIds)
}

/**
 * The run behind `assignLeads`; `includeOwned` re-runs the rules on leads that have an owner
 * ("Reasignar" on a lead). Returns the decisions written.
 */
export async function runAssignment(
  trx: TransactionClientContract,
  organizationId: number,
  leadIds: number[],
  options: { actorId?: number | null; includeOwned?: boolean } = {}
): Promise<Decision[]> {
  if (!leadIds.length) return []
  const leads = await loadLeads(trx, organizationId, leadIds, options)
  if (!leads.length) return []
  // Rules first, with a locking read: a concurrent run of this organization waits here.
  const rules = await loadRules(trx, organizationId, { lock: true })
  const state = await loadState(trx, organizationId, rules)
  // A lead being reassigned no longer weighs on its current owner's load.
  for (const lead of leads)
    if (lead.ownerId !== null && ['new', 'working'].includes(lead.status))
      state.open.set(lead.ownerId, Math.max(0, (state.open.get(lead.ownerId) ?? 1) - 1))
  const before = rules.map((r) => ({
    pointer: r.pointer,
    assigned: r.members.map((m) => m.assigned),
  }))
  const decisions = decideAll(leads, rules, state)
  const owners = new Map(leads.map((l) => [l.id, l.ownerId]))
  await writeDecisions(trx, organizationId, decisions, owners, state.names, options.actorId ?? null)
  await saveRuleCounters(trx, rules, before)
  return decisions
}

/**
 * The same run for new leads before they are written (the lead import): `leads[i].id` is the
 * lead's position, so the caller writes each lead once, with the owner and team decided, then
 * calls `record` with the ids the rows got to store the decisions, their history and the rule
 * counters exactly as `assignLeads` would have. Indexing the leads is left to the caller.
 * `kept`: open-lead counts carried over from the import's previous batch (load.ts).
 */
export async function decideNewLeads(
  trx: TransactionClientContract,
  organizationId: number,
  leads: LeadFacts[],
  kept?: OpenCounts
): Promise<{ decisions: Decision[]; record: (ids: number[]) => Promise<void> }> {
  if (!leads.length) return { decisions: [], record: async () => {} }
  const rules = await loadRules(trx, organizationId, { lock: true })
  const state = await loadState(trx, organizationId, rules, new Date(), kept)
  const before = rules.map((r) => ({
    pointer: r.pointer,
    assigned: r.members.map((m) => m.assigned),
  }))
  const decisions = decideAll(leads, rules, state)
  return {
    decisions,
    async record(ids) {
      const written = decisions.map((d) => ({ ...d, leadId: ids[d.leadId] }))
      const owners = new Map<number, number | null>(ids.map((id) => [id, null]))
      await writeDecisions(trx, organizationId, written, owners, state.names, null, {
        ownersWritten: true,
      })
      await saveRuleCounters(trx, rules, before)
    },
  }
}

async function writeDecisions(
  trx: TransactionClientContract,
  organizationId: number,
  decisions: Decision[],
  owners: Map<number, number | null>,
  names: Map<number, string>,
  actorId: number | null,
  options: { ownersWritten?: boolean } = {}
) {
  const now = dbTimestamp()
  // The owners (and teams) in a few statements for the whole batch (CASE id WHEN … THEN …),
  // unless the leads were written with them (decideNewLeads: nothing to index here either).
  if (!options.ownersWritten)
    await updateRows(
      trx,
      'crm_leads',
      decisions
        .filter((d) => !(d.userId === null && owners.get(d.leadId) === null))
        .map((d) => ({
          id: d.leadId,
          values: {
            owner_id: d.userId,
            updated_at: now,
            ...(d.teamId === null ? {} : { team_id: d.teamId }),
          },
        })),
      { organization_id: organizationId }
    )
  await insertInBatches(
    trx,
    ASSIGNMENTS,
    decisions.map((d) => ({
      organization_id: organizationId,
      lead_id: d.leadId,
      rule_id: d.ruleId,
      rule_name: d.ruleName,
      strategy: d.strategy,
      user_id: d.userId,
      fallback: d.fallback,
      reason: JSON.stringify(d.reason),
      candidates: JSON.stringify(d.candidates),
      created_by: actorId,
      created_at: now,
    }))
  )
  const summary = (d: Decision) => ({ rule: d.ruleName, fallback: d.fallback })
  const ref = (id: number | null | undefined) =>
    id === null || id === undefined ? null : historyRef(id, names.get(id) ?? '')
  // The owner change through the one history writer (audit + a timeline entry); a lead left
  // in the queue changes nothing but still says so on its timeline.
  const changed = decisions.filter((d) => d.userId !== (owners.get(d.leadId) ?? null))
  await recordHistoryMany(
    trx,
    { organizationId, actorId, subjectType: 'crm.lead' },
    changed.map((d) => ({
      subjectId: d.leadId,
      action: 'update' as const,
      before: { owner: ref(owners.get(d.leadId)) },
      after: { owner: ref(d.userId) },
      kind: d.userId === null ? QUEUED_KIND : ASSIGNED_KIND,
      data: summary(d),
    }))
  )
  const unchanged = decisions.filter((d) => d.userId === (owners.get(d.leadId) ?? null))
  if (unchanged.length)
    await timeline.recordMany(
      unchanged.map((d) => ({
        organizationId,
        subjectType: 'crm.lead',
        subjectId: d.leadId,
        kind: d.userId === null ? QUEUED_KIND : ASSIGNED_KIND,
        actorId,
        data: summary(d),
      })),
      trx
    )
  // The search index checks the owner for `own` scopes: a new owner must find the lead, the old
  // one no longer (covers create, import, web form and "Reasignar" alike).
  if (changed.length && !options.ownersWritten)
    await indexLeads(
      trx,
      organizationId,
      changed.map((d) => d.leadId)
    )
}

/**
 * Stores the round-robin pointers and weighted counts the run moved, each in one statement
 * (`updateRows`: a batch moves dozens; one statement each was most of an import batch's).
 */
async function saveRuleCounters(
  trx: TransactionClientContract,
  rules: Rule[],
  before: { pointer: number; assigned: number[] }[]
) {
  await updateRows(
    trx,
    RULES,
    rules
      .filter((rule, i) => rule.pointer !== before[i].pointer)
      .map((rule) => ({ id: rule.id, values: { rr_pointer: rule.pointer } }))
  )
  await updateRows(
    trx,
    MEMBERS,
    rules.flatMap((rule, i) =>
      rule.members
        .filter((m, k) => m.assigned !== before[i].assigned[k])
        .map((m) => ({ id: m.rowId!, values: { assigned_count: m.assigned } }))
    )
  )
}
