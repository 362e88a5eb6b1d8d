import db from '@adonisjs/lucid/services/db'
import { dbTimestamp, toIso } from '#app/support/dates'
import type { AssignmentDryRunDto } from '../dto/assignment.js'
import { decideAll } from './engine.js'
import { leadsSince, loadRules, loadState } from './load.js'

const DAY = 86_400_000
/** The most leads a dry run decides and lists (the per-rep totals cover these). */
export const DRY_RUN_LIMIT = 2000
/** The most leads the per-lead table lists. */
const SHOWN = 500

/**
 * Who would have got each lead of the last `days` days under the current rules, writing
 * nothing: the rules, loads and absences are read as they are now and the decisions made in
 * memory (pure computation, no transaction to roll back). Every lead of the window is treated
 * as new, in creation order, with today's loads and absences and the stored round-robin turn.
 */
export async function dryRun(organizationId: number, days: number): Promise<AssignmentDryRunDto> {
  const client = db.connection()
  const since = dbTimestamp(new Date(Date.now() - days * DAY))
  const [rules, leads] = await Promise.all([
    loadRules(client, organizationId),
    leadsSince(client, organizationId, since, DRY_RUN_LIMIT + 1),
  ])
  const shown = leads.slice(0, DRY_RUN_LIMIT)
  const state = await loadState(client, organizationId, rules)
  const decisions = decideAll(shown, rules, state)
  const extra = await client
    .from('crm_leads')
    .leftJoin('users', 'users.id', 'crm_leads.owner_id')
    .whereIn(
      'crm_leads.id',
      shown.slice(0, SHOWN).map((l) => l.id)
    )
    .select('crm_leads.id', 'crm_leads.title', 'crm_leads.created_at', 'users.full_name')
  const byId = new Map(extra.map((r) => [Number(r.id), r]))
  const name = (id: number | null) => (id === null ? null : (state.names.get(id) ?? `#${id}`))
  const totals = new Map<number | null, number>()
  for (const d of decisions) totals.set(d.userId, (totals.get(d.userId) ?? 0) + 1)
  return {
    days,
    total: shown.length,
    limit: SHOWN,
    perRep: [...totals.entries()]
      .map(([userId, count]) => ({ userId, name: name(userId), count }))
      .sort((a, b) => b.count - a.count),
    // The per-lead table shows the first 500; the totals count them all.
    leads: decisions.slice(0, SHOWN).map((d) => {
      const row = byId.get(d.leadId)
      return {
        id: d.leadId,
        title: row?.title ?? `#${d.leadId}`,
        createdAt: row ? toIso(row.created_at) : '',
        currentOwner: row?.full_name ?? null,
        wouldGet: name(d.userId),
        rule: d.ruleName,
        fallback: d.fallback,
        reason: d.reason,
      }
    }),
  }
}
