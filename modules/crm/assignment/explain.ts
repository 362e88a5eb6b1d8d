import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type db from '@adonisjs/lucid/services/db'
import { toIso } from '#app/support/dates'
import type { LeadAssignmentDto } from '../dto/assignment.js'
import { ASSIGNMENTS } from './load.js'
import type { Candidate } from './types.js'

function parse<T>(text: unknown, fallback: T): T {
  try {
    return typeof text === 'string' ? (JSON.parse(text) as T) : ((text as T) ?? fallback)
  } catch {
    return fallback
  }
}

/**
 * The lead's latest assignment and its reason, for the lead page: the rule (name and strategy
 * as they were), who got it, and every candidate with why they were skipped. Names are read
 * now (a renamed user shows their current name). The caller has checked the lead's scope.
 */
export async function latestAssignment(
  client: TransactionClientContract | typeof db,
  organizationId: number,
  leadId: number
): Promise<LeadAssignmentDto | null> {
  const row = await client
    .from(ASSIGNMENTS)
    .where({ lead_id: leadId, organization_id: organizationId })
    .orderBy('id', 'desc')
    .first()
  if (!row) return null
  const candidates = parse<Candidate[]>(row.candidates, [])
  const ids = [...new Set([...candidates.map((c) => c.userId), row.user_id].filter(Boolean))]
  const users = ids.length
    ? await client
        .from('users')
        .where('organization_id', organizationId)
        .whereIn('id', ids as number[])
        .select('id', 'full_name')
    : []
  const name = (id: number) => users.find((u) => Number(u.id) === id)?.full_name ?? `#${id}`
  const userId = row.user_id === null ? null : Number(row.user_id)
  return {
    at: toIso(row.created_at),
    ruleId: row.rule_id === null ? null : Number(row.rule_id),
    ruleName: row.rule_name ?? null,
    strategy: row.strategy ?? null,
    assignedTo: userId === null ? null : { id: userId, name: name(userId) },
    fallback: !!row.fallback,
    candidates: candidates.map((c) => ({
      userId: c.userId,
      name: name(c.userId),
      chosen: c.chosen,
      skipped: c.skipped,
      open: c.open,
    })),
    reason: parse(row.reason, { key: 'crm.assignment.reasons.unknown' }),
  }
}
