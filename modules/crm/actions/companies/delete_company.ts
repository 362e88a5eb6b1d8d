import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { trashRecord } from '#app/bin/bin'
import { afterCommit } from '#app/support/cache'
import CompanyDeleted from '../../events/company_deleted.js'
import type { CompanyDetached } from '../../bin/company_bin.js'
import { COMPANIES } from './load_company.js'

export interface DeleteCompanyParams {
  organizationId: number
  actorId: number
  access: AccessContext
  /** Already checked to be in the user's delete scope. */
  companyId: number
  trx?: TransactionClientContract
}

/**
 * Moves a company to the recycle bin (bin/company_bin.ts): it disappears from every list,
 * search and page; its contacts stay, without company and without a manager, each told so in
 * its history. Refused while any of them is beyond the user's edit scope.
 */
export async function deleteCompany({
  organizationId,
  actorId,
  access,
  companyId,
  trx,
}: DeleteCompanyParams) {
  const { title, detached } = await trashRecord({
    access,
    actorId,
    resource: COMPANIES,
    recordId: companyId,
    trx,
  })
  const contacts = (detached as CompanyDetached).contacts.map((c) => c.id)
  await afterCommit(trx, async () => {
    await CompanyDeleted.dispatch(organizationId, actorId, companyId, title, contacts)
  })
  return { name: title, detached: contacts }
}
