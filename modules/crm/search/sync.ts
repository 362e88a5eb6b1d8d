import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { reindexRecords } from '#app/search/indexer'
import { COMPANIES } from '../actions/companies/load_company.js'
import { CONTACTS } from '../actions/contacts/load_contact.js'

/*
 * The CRM's writes keep the kernel's search index current through these, inside their own
 * transaction: the documents commit or roll back with the records.
 */

/** Re-indexes companies (and, with `withContacts`, their contacts: they show the company's name). */
export async function indexCompanies(
  client: QueryClientContract,
  organizationId: number,
  ids: number[],
  options: { withContacts?: boolean } = {}
) {
  await reindexRecords({ resource: COMPANIES, organizationId, ids, client })
  if (!options.withContacts || !ids.length) return
  const contacts = await client
    .from('crm_contacts')
    .where('organization_id', organizationId)
    .whereIn('company_id', ids)
    .select('id')
  await indexContacts(
    client,
    organizationId,
    contacts.map((c) => Number(c.id))
  )
}

export async function indexContacts(
  client: QueryClientContract,
  organizationId: number,
  ids: number[]
) {
  await reindexRecords({ resource: CONTACTS, organizationId, ids, client })
}
