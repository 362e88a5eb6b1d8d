import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { RuleError } from '#app/support/rule_error'
import { CONTACTS } from './load_contact.js'

/**
 * Refuses a write that would touch contacts (those whose `column` equals `id`) beyond the user's
 * edit scope — unlinking them from a deleted company or manager. The count is all the user
 * learns of them; `errorKey` says it in the refusal.
 */
export async function assertContactsInReach(
  trx: TransactionClientContract,
  access: AccessContext,
  linked: { column: 'company_id' | 'reports_to_id'; id: number },
  errorKey: string
) {
  const reachable = trx
    .from('crm_contacts as ct')
    .where(`ct.${linked.column}`, linked.id)
    .select('ct.id')
  await access.scope(reachable, CONTACTS, { table: 'ct', action: 'edit' })
  const row = await trx
    .from('crm_contacts')
    .where('organization_id', access.organizationId)
    .where(linked.column, linked.id)
    .whereNull('deleted_at')
    .whereNotIn('id', reachable)
    .count('* as total')
    .first()
  const count = Number(row?.total ?? 0)
  if (count > 0) throw new RuleError(errorKey, { count })
}
