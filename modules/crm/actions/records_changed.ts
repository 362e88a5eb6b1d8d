import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordsChanged } from '#app/support/cache'
import { COMPANIES } from './companies/load_company.js'
import { CONTACTS } from './contacts/load_contact.js'

/**
 * A company or contact was created, changed or deleted: the cached list counts of both lists go
 * once `trx` commits (a contact's list shows and filters by its company, a company's by its
 * people). Called inside every such write's transaction.
 */
export async function crmRecordsChanged(
  organizationId: number,
  trx: TransactionClientContract
): Promise<void> {
  await recordsChanged(organizationId, COMPANIES, trx)
  await recordsChanged(organizationId, CONTACTS, trx)
}
