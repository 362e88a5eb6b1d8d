import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type db from '@adonisjs/lucid/services/db'
import type { LeadAssignmentDto } from '../dto/assignment.js'

/** The lead's latest assignment and its reason, for the lead page. Stub: none yet. */
export async function latestAssignment(
  _client: TransactionClientContract | typeof db,
  _organizationId: number,
  _leadId: number
): Promise<LeadAssignmentDto | null> {
  return null
}
