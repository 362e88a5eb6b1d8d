import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { LicenceError, licences } from '#app/licensing/licence_service'
import { RuleError } from '#app/support/rule_error'

/**
 * One more active user must fit in the licence's seats and in the organization's own quota
 * (checked, with the rows locked, inside the transaction that activates the user). The message
 * names the limit and, in evaluation mode, says so (the evaluation limit is what applies
 * without a licence).
 */
export async function assertSeatAvailable(
  trx: TransactionClientContract,
  organizationId: number
): Promise<void> {
  try {
    await licences.assertOrganizationSeats(organizationId, 1, trx)
  } catch (error) {
    if (error instanceof LicenceError && error.code === 'quota_exceeded') {
      throw new RuleError('admin.users.errors.quota_exceeded', { quota: error.meta.quota })
    }
    if (!(error instanceof LicenceError) || error.code !== 'seats_exceeded') throw error
    const evaluation = error.meta.mode === 'evaluation'
    throw new RuleError(
      evaluation
        ? 'admin.users.errors.seats_exceeded_evaluation'
        : 'admin.users.errors.seats_exceeded',
      {
        seats: error.meta.seats,
      }
    )
  }
}
