import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Runs the organization's assignment rules over new leads that have no owner (created by hand
 * without one, imported, or sent by a web form), inside the caller's transaction: sets each
 * lead's owner (or leaves it in the fallback queue) and stores why. Stub until the assignment
 * engine lands: assigns nobody.
 */
export async function assignLeads(
  _trx: TransactionClientContract,
  _organizationId: number,
  _leadIds: number[]
): Promise<void> {}
