import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { AccessContext } from '#app/access/access_context'
import type { SearchProvider } from '#app/registry/types'
import { COMPANIES } from '../actions/companies/load_company.js'
import { applySearch } from '../support/search.js'
import { domainKey } from '../support/keys.js'

const COLUMNS = ['c.id', 'c.name', 'c.legal_name', 'c.nif', 'c.name_normalized']

/**
 * Companies for the kernel's search: by name or legal name (words), NIF, phone, e-mail (the
 * list's search) or web domain, within the user's `view` scope (binned ones never match).
 */
const companiesSearch: SearchProvider<AccessContext> = {
  async search({ access, q, limit }) {
    const byText = db.from('crm_companies as c')
    await access.scope(byText, COMPANIES, { table: 'c' })
    applySearch(byText, {
      organizationId: access.organizationId,
      q,
      table: 'crm_companies',
      alias: 'c',
    })
    const queries = [byText.orderBy('c.name_normalized').limit(limit).select(COLUMNS)]
    const domain = q.includes('.') && !q.includes('@') ? domainKey(q) : null
    if (domain) {
      const byWeb = db.from('crm_companies as c').where('c.website_domain', domain)
      await access.scope(byWeb, COMPANIES, { table: 'c' })
      queries.push(byWeb.orderBy('c.name_normalized').limit(limit).select(COLUMNS))
    }
    const rows = new Map<number, Record<string, any>>()
    for (const found of await Promise.all(queries))
      for (const row of found) rows.set(Number(row.id), row)
    return [...rows.values()]
      .sort((a, b) => String(a.name_normalized).localeCompare(String(b.name_normalized)))
      .slice(0, limit)
      .map((r) => ({
        id: Number(r.id),
        title: r.name,
        subtitle: [r.legal_name, r.nif].filter(Boolean).join(' · ') || null,
        href: router.makeUrl('crm.companies.show', { id: r.id }),
      }))
  },
}

export default companiesSearch
