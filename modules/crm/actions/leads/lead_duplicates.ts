import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import type { LeadDuplicate } from '../../dto/leads.js'
import { fullName } from '../../support/people.js'
import { COMPANIES } from '../companies/load_company.js'
import { CONTACTS } from '../contacts/load_contact.js'
import { scopeLeads } from './lead_scope.js'

/** At most this many matches per kind: enough to decide, cheap to look up. */
const MAX = 5

export interface DuplicateKeys {
  nif: string | null
  email: string | null
  phone: string | null
  companyName: string | null
}

/**
 * Records the lead may be ("Posible duplicado de …"): companies by NIF or name without legal
 * form, contacts by e-mail or phone, other leads by e-mail, phone or NIF. Each key is looked up
 * on its own index (an OR across keys scans), and only records the user may see are named.
 */
export async function findDuplicates(
  access: AccessContext,
  keys: DuplicateKeys,
  exceptLeadId: number | null = null
): Promise<LeadDuplicate[]> {
  const org = access.organizationId
  const found: LeadDuplicate[] = []
  const seen = new Set<string>()
  const add = (kind: LeadDuplicate['kind'], id: number, name: string, key: string) => {
    if (seen.has(`${kind}:${id}`)) return
    seen.add(`${kind}:${id}`)
    const path = kind === 'company' ? 'companies' : kind === 'contact' ? 'contacts' : 'leads'
    found.push({ kind, id, name, key, href: `/crm/${path}/${id}` })
  }

  for (const [key, column, value] of [
    ['nif', 'nif', keys.nif],
    ['name', 'name_key', keys.companyName],
  ] as const) {
    if (!value) continue
    const q = db.from('crm_companies as c').where(`c.${column}`, value).limit(MAX)
    await access.scope(q, COMPANIES, { table: 'c' })
    for (const r of await q.select('c.id', 'c.name')) add('company', Number(r.id), r.name, key)
  }

  for (const [key, table, value] of [
    ['email', 'crm_emails', keys.email],
    ['phone', 'crm_phones', keys.phone],
  ] as const) {
    if (!value) continue
    const q = db
      .from('crm_contacts as ct')
      .whereIn(
        'ct.id',
        db
          .from(table)
          .where('organization_id', org)
          .where('value_normalized', value)
          .whereNotNull('contact_id')
          .select('contact_id')
      )
      .limit(MAX)
    await access.scope(q, CONTACTS, { table: 'ct' })
    for (const r of await q.select('ct.id', 'ct.first_name', 'ct.last_name'))
      add('contact', Number(r.id), fullName(r.first_name, r.last_name), key)
  }

  for (const [key, column, value] of [
    ['email', 'email_normalized', keys.email],
    ['phone', 'phone_normalized', keys.phone],
    ['nif', 'nif', keys.nif],
  ] as const) {
    if (!value) continue
    const q = db.from('crm_leads as l').where(`l.${column}`, value).limit(MAX)
    if (exceptLeadId) q.whereNot('l.id', exceptLeadId)
    await scopeLeads(access, q, { table: 'l' })
    for (const r of await q.select('l.id', 'l.title')) add('lead', Number(r.id), r.title, key)
  }
  return found
}

/** The duplicates of a stored lead, for its page. */
export async function leadDuplicates(access: AccessContext, leadId: number) {
  const row = await db
    .from('crm_leads')
    .where({ organization_id: access.organizationId, id: leadId })
    .select('nif', 'email_normalized', 'phone_normalized', 'company_name_normalized')
    .first()
  if (!row) return []
  return findDuplicates(
    access,
    {
      nif: row.nif,
      email: row.email_normalized,
      phone: row.phone_normalized,
      companyName: row.company_name_normalized,
    },
    leadId
  )
}
