import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { AccessContext } from '#app/access/access_context'
import type { SearchProvider } from '#app/registry/types'
import { COMPANIES } from '../actions/companies/load_company.js'
import { CONTACTS } from '../actions/contacts/load_contact.js'
import { contactRows } from '../actions/contacts/contact_query.js'
import { whereWords } from '#app/support/like'
import { applySearch, searchKeys } from '../support/search.js'

const COLUMNS = [
  'ct.id',
  'ct.first_name',
  'ct.last_name',
  'ct.name_normalized',
  'ct.position',
  'ct.company_id',
  'ct.created_at',
]

/**
 * Contacts for the kernel's search: by name, surname, e-mail or phone (the list's search), or
 * by the name of a company the user may see, within the user's `view` scope. The subtitle names
 * the company only when the user may see it.
 */
const contactsSearch: SearchProvider<AccessContext> = {
  async search({ access, q, limit }) {
    const organizationId = access.organizationId
    const byText = db.from('crm_contacts as ct')
    await access.scope(byText, CONTACTS, { table: 'ct' })
    applySearch(byText, { organizationId, q, table: 'crm_contacts', alias: 'ct' })

    const queries = [byText]
    // Contacts of the companies (the user may see) whose name matches every word.
    const name = searchKeys(q).name
    if (name) {
      const companies = db.from('crm_companies as c').select('c.id')
      await access.scope(companies, COMPANIES, { table: 'c' })
      whereWords(companies, ['c.name_normalized'], name)
      const byCompany = db.from('crm_contacts as ct').whereIn('ct.company_id', companies)
      await access.scope(byCompany, CONTACTS, { table: 'ct' })
      queries.push(byCompany)
    }
    const found = await Promise.all(
      queries.map((query) => query.orderBy('ct.name_normalized').limit(limit).select(COLUMNS))
    )
    const rows = new Map<number, Record<string, any>>()
    for (const row of found.flat()) rows.set(Number(row.id), row)
    const chosen = [...rows.values()]
      .sort((a, b) => String(a.name_normalized).localeCompare(String(b.name_normalized)))
      .slice(0, limit)
    return (await contactRows(access, chosen)).map((c) => ({
      id: c.id,
      title: c.name,
      subtitle: [c.companyName, c.email].filter(Boolean).join(' · ') || null,
      href: router.makeUrl('crm.contacts.show', { id: c.id }),
    }))
  },
}

export default contactsSearch
