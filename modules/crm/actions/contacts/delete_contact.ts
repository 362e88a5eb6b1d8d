import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { trashRecord } from '#app/bin/bin'
import { afterCommit } from '#app/support/cache'
import ContactDeleted from '../../events/contact_deleted.js'
import { CONTACTS } from './load_contact.js'

export interface DeleteContactParams {
  organizationId: number
  actorId: number
  /** Already checked to be in the user's delete scope. */
  contactId: number
  /** Whose edit scope the direct reports (which lose their manager) must be within. */
  access: AccessContext
  trx?: TransactionClientContract
}

/**
 * Moves a contact to the recycle bin (bin/contact_bin.ts); their direct reports lose their
 * manager (refused while one of them is beyond the user's edit scope: the delete would write
 * to it).
 */
export async function deleteContact({
  organizationId,
  actorId,
  contactId,
  access,
  trx,
}: DeleteContactParams) {
  const companyId = await companyOf(organizationId, contactId, trx)
  const { title } = await trashRecord({
    access,
    actorId,
    resource: CONTACTS,
    recordId: contactId,
    trx,
  })
  await afterCommit(trx, async () => {
    await ContactDeleted.dispatch(organizationId, actorId, contactId, companyId, title)
  })
  return { fullName: title, companyId }
}

async function companyOf(
  organizationId: number,
  contactId: number,
  trx?: TransactionClientContract
): Promise<number | null> {
  const row = await (trx ?? db)
    .from('crm_contacts')
    .where({ organization_id: organizationId, id: contactId })
    .select('company_id')
    .first()
  return row?.company_id === null || row?.company_id === undefined ? null : Number(row.company_id)
}
