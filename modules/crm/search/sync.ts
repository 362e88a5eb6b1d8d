import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { indexDocuments, reindexRecords } from '#app/search/indexer'
import { COMPANIES } from '../actions/companies/load_company.js'
import { CONTACTS } from '../actions/contacts/load_contact.js'
import { companyDocument, phoneKeys, type CompanyDocumentRow } from './documents.js'

/*
 * The CRM's writes keep the kernel's search index current through these, inside their own
 * transaction: the documents commit or roll back with the records.
 */

/**
 * Re-indexes companies, and the contacts of those in `contactsOf` (all of them with
 * `withContacts`): contacts show their company's name.
 */
export async function indexCompanies(
  client: QueryClientContract,
  organizationId: number,
  ids: number[],
  options: { withContacts?: boolean; contactsOf?: number[] } = {}
) {
  await reindexRecords({ resource: COMPANIES, organizationId, ids, client })
  const of = options.withContacts ? ids : (options.contactsOf ?? [])
  if (!of.length) return
  const contacts: number[] = []
  for (let i = 0; i < of.length; i += 500) {
    const rows = await client
      .from('crm_contacts')
      .where('organization_id', organizationId)
      .whereIn('company_id', of.slice(i, i + 500))
      .select('id')
    for (const c of rows) contacts.push(Number(c.id))
  }
  await indexContacts(client, organizationId, contacts)
}

/**
 * Indexes companies just created from the values written (the rows and their phones, as stored
 * normalized, and e-mails): the documents `indexCompanies` would read back, without reading.
 */
export async function indexNewCompanies(
  client: QueryClientContract,
  organizationId: number,
  companies: { row: CompanyDocumentRow; phones: string[]; emails: string[] }[]
) {
  await indexDocuments({
    resource: COMPANIES,
    organizationId,
    client,
    documents: companies.map((c) =>
      companyDocument(c.row, { phones: c.phones.flatMap(phoneKeys), emails: c.emails })
    ),
  })
}

export async function indexContacts(
  client: QueryClientContract,
  organizationId: number,
  ids: number[]
) {
  await reindexRecords({ resource: CONTACTS, organizationId, ids, client })
}
