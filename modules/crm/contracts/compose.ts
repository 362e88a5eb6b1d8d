/*
 * What writing a mail from a CRM record needs (mail's compose): the names merge fields fill in
 * ({{contacto.nombre}}, {{empresa.nombre}}, {{oportunidad.nombre}}) and the people the mail
 * may go to (contacts with their primary e-mail). Organization-wide: the caller checks first
 * that the user may see the record (recordCards with access).
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { fullName } from '../support/people.js'
import type { RecordRef } from './records.js'

type Client = TransactionClientContract | typeof db

export interface ComposePerson {
  firstName: string
  lastName: string
  name: string
  email: string | null
}

export interface ComposeSource {
  contact: ComposePerson | null
  company: { name: string } | null
  opportunity: { name: string } | null
  /** People of the record with an e-mail address, the record's own contact first. */
  recipients: { name: string; email: string }[]
}

async function contacts(
  organizationId: number,
  where: (q: any) => void,
  client: Client
): Promise<(ComposePerson & { id: number; companyId: number | null })[]> {
  const query = client
    .from('crm_contacts as c')
    .leftJoin('crm_emails as e', (join) => {
      join.on('e.contact_id', '=', 'c.id').andOnVal('e.is_primary', '=', true)
    })
    .where('c.organization_id', organizationId)
    .whereNull('c.deleted_at')
    .orderBy('c.id')
    .limit(50)
    .select('c.id', 'c.company_id', 'c.first_name', 'c.last_name', 'e.value as email')
  where(query)
  return (await query).map((r: any) => ({
    id: Number(r.id),
    companyId: r.company_id === null ? null : Number(r.company_id),
    firstName: r.first_name ?? '',
    lastName: r.last_name ?? '',
    name: fullName(r.first_name ?? '', r.last_name),
    email: r.email ?? null,
  }))
}

async function companyName(organizationId: number, id: number | null, client: Client) {
  if (!id) return null
  const row = await client
    .from('crm_companies')
    .where({ organization_id: organizationId, id })
    .whereNull('deleted_at')
    .select('name')
    .first()
  return row ? { name: String(row.name) } : null
}

const recipientsOf = (people: ComposePerson[]) =>
  people.flatMap((p) => (p.email ? [{ name: p.name, email: p.email }] : []))

/** The merge data and recipients of a record, or null when it does not exist. */
export async function composeSourceOf(
  organizationId: number,
  ref: RecordRef,
  client: Client = db
): Promise<ComposeSource | null> {
  if (ref.type === 'crm.contact') {
    const [contact] = await contacts(organizationId, (q) => q.where('c.id', ref.id), client)
    if (!contact) return null
    const company = await companyName(organizationId, contact.companyId, client)
    return { contact, company, opportunity: null, recipients: recipientsOf([contact]) }
  }
  if (ref.type === 'crm.company') {
    const company = await companyName(organizationId, ref.id, client)
    if (!company) return null
    const people = await contacts(organizationId, (q) => q.where('c.company_id', ref.id), client)
    return {
      contact: people.find((p) => p.email) ?? people[0] ?? null,
      company,
      opportunity: null,
      recipients: recipientsOf(people),
    }
  }
  if (ref.type === 'crm.opportunity') {
    const row = await client
      .from('crm_opportunities')
      .where({ organization_id: organizationId, id: ref.id })
      .whereNull('deleted_at')
      .select('name', 'company_id')
      .first()
    if (!row) return null
    const people = await contacts(
      organizationId,
      (q) =>
        q.whereIn(
          'c.id',
          client
            .from('crm_opportunity_contacts')
            .where('opportunity_id', ref.id)
            .select('contact_id')
        ),
      client
    )
    const companyId = row.company_id === null ? null : Number(row.company_id)
    return {
      contact: people.find((p) => p.email) ?? people[0] ?? null,
      company: await companyName(organizationId, companyId, client),
      opportunity: { name: String(row.name) },
      recipients: recipientsOf(people),
    }
  }
  if (ref.type === 'crm.lead') {
    const row = await client
      .from('crm_leads')
      .where({ organization_id: organizationId, id: ref.id })
      .whereNull('deleted_at')
      .select('first_name', 'last_name', 'email', 'company_name')
      .first()
    if (!row) return null
    const person: ComposePerson = {
      firstName: row.first_name ?? '',
      lastName: row.last_name ?? '',
      name: fullName(row.first_name ?? '', row.last_name),
      email: row.email ?? null,
    }
    return {
      contact: person,
      company: row.company_name ? { name: String(row.company_name) } : null,
      opportunity: null,
      recipients: recipientsOf([person]),
    }
  }
  return null
}
