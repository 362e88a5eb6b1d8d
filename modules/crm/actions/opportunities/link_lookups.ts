import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { wherePrefix } from '#app/support/like'
import { searchKeys } from '../../support/search.js'
import { contactLookup } from '../contacts/contact_lookup.js'
import type { Option } from '../../dto/shared.js'
import { COMPETITOR_TYPE } from './opportunity_links.js'

const LIMIT = 20

/**
 * Contacts the user may see for an opportunity's contact picker: the opportunity company's
 * people first (when the user may see the company), then everyone else matching `q`.
 */
export async function opportunityContactOptions(
  access: AccessContext,
  params: { q?: string; companyId?: number }
): Promise<Option[]> {
  const [own, all] = await Promise.all([
    params.companyId
      ? contactLookup(access, { q: params.q, companyId: params.companyId, limit: LIMIT })
      : { options: [] as Option[] },
    contactLookup(access, { q: params.q, limit: LIMIT }),
  ])
  const seen = new Set(own.options.map((o) => o.value))
  return [...own.options, ...all.options.filter((o) => !seen.has(o.value))].slice(0, LIMIT * 2)
}

/** Companies of type competidor the user may see, by name prefix (the competitor picker). */
export async function competitorOptions(access: AccessContext, q?: string): Promise<Option[]> {
  const query = db
    .from('crm_companies as c')
    .where('c.type', COMPETITOR_TYPE)
    .orderBy('c.name_normalized')
    .orderBy('c.id')
    .limit(LIMIT)
    .select('c.id', 'c.name')
  await access.scope(query, 'crm.companies', { table: 'c' })
  if (q) wherePrefix(query, 'c.name_normalized', searchKeys(q).name)
  return (await query).map((r) => ({ value: String(r.id), label: String(r.name) }))
}
