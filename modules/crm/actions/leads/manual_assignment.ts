import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import { insertInBatches } from '#app/support/db'
import { ASSIGNMENTS } from '../../assignment/load.js'

/** The reason an assignment by hand is shown with on the lead's "Asignación" panel. */
export const MANUAL_REASON = 'crm.leads.assignment_manual'

/**
 * Stores that these leads were given to `userId` by hand (bulk "change owner", the list's
 * owner cell): an assignment row with no rule, so the lead page's panel says "asignada a mano"
 * instead of repeating the rule that chose the previous owner.
 */
export async function recordManualAssignment(
  trx: TransactionClientContract,
  params: { organizationId: number; actorId: number; leadIds: number[]; userId: number | null }
) {
  if (!params.leadIds.length) return
  const now = dbTimestamp()
  await insertInBatches(
    trx,
    ASSIGNMENTS,
    params.leadIds.map((leadId) => ({
      organization_id: params.organizationId,
      lead_id: leadId,
      rule_id: null,
      rule_name: null,
      strategy: null,
      user_id: params.userId,
      fallback: false,
      reason: JSON.stringify({ key: MANUAL_REASON }),
      candidates: '[]',
      created_by: params.actorId,
      created_at: now,
    }))
  )
}
