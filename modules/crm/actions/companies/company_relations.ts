import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { dayOf } from '../../support/days.js'
import { fullName } from '../../support/people.js'
import { CONTACTS } from '../contacts/load_contact.js'
import { COMPANIES } from './load_company.js'
import type { FormerContact, Subsidiary } from '../../dto/companies.js'

/** Subsidiaries and former contacts shown on a company page; beyond this, the filtered list. */
const SHOWN = 100

/**
 * What a company page shows of its relations: its subsidiaries (companies whose parent it is)
 * and the people who worked there and have moved on (a closed position, no current one there).
 * Each list holds only the records the user may see, in their own scope.
 */
export async function companyGroup(access: AccessContext, companyId: number) {
  const subsidiariesQuery = db
    .from('crm_companies as c')
    .where('c.parent_id', companyId)
    .orderBy('c.name_normalized')
    .orderBy('c.id')
    .limit(SHOWN)
    .select('c.id', 'c.name', 'c.type')
  await access.scope(subsidiariesQuery, COMPANIES, { table: 'c' })
  const formerQuery = db
    .from('crm_contact_positions as p')
    .join('crm_contacts as ct', 'ct.id', 'p.contact_id')
    .where('p.organization_id', access.organizationId)
    .where('p.company_id', companyId)
    .where('p.current', false)
    .where((q) => q.whereNull('ct.company_id').orWhereNot('ct.company_id', companyId))
    .orderBy('p.ended_on', 'desc')
    .orderBy('p.id', 'desc')
    .limit(SHOWN)
    .select('ct.id', 'ct.first_name', 'ct.last_name', 'p.position', 'p.ended_on')
  await access.scope(formerQuery, CONTACTS, { table: 'ct' })
  const [subsidiaryRows, formerRows] = await Promise.all([subsidiariesQuery, formerQuery])
  const subsidiaries: Subsidiary[] = subsidiaryRows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    type: r.type,
  }))
  // One line per person: their latest position there.
  const seen = new Set<number>()
  const formerContacts: FormerContact[] = []
  for (const r of formerRows) {
    const id = Number(r.id)
    if (seen.has(id)) continue
    seen.add(id)
    formerContacts.push({
      id,
      name: fullName(r.first_name, r.last_name),
      position: r.position,
      endedOn: dayOf(r.ended_on),
    })
  }
  return { subsidiaries, formerContacts }
}
