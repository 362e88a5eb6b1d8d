import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { normalizeEmail, normalizeName, normalizePhone } from './normalize.js'
import { insertInBatches } from '#app/support/db'
import type { Address, Channel } from '#app/ui/record_shapes'

/*
 * Phones, e-mails and addresses of a company or a contact. On save the lists are replaced
 * as a whole (nothing references a single row), and exactly one phone and one e-mail are
 * primary when any exist.
 */

export type Parent = { companyId: number } | { contactId: number }

export interface PhoneInput {
  label?: string
  number: string
  primary?: boolean
}
export interface EmailInput {
  label?: string
  address: string
  primary?: boolean
}
export interface AddressInput {
  kind: string
  street?: string
  postalCode?: string
  city?: string
  province?: string
  country?: string
}

export type { Address, Channel } from '#app/ui/record_shapes'

function parentColumns(parent: Parent) {
  return 'companyId' in parent
    ? { company_id: parent.companyId, contact_id: null }
    : { company_id: null, contact_id: parent.contactId }
}

function parentWhere(parent: Parent): [string, number] {
  return 'companyId' in parent ? ['company_id', parent.companyId] : ['contact_id', parent.contactId]
}

/** Index of the primary entry: the first one marked, else the first one. */
function primaryIndex(items: { primary?: boolean }[]): number {
  const marked = items.findIndex((i) => i.primary)
  return marked === -1 ? 0 : marked
}

export async function replaceChannels(
  trx: TransactionClientContract,
  organizationId: number,
  parent: Parent,
  input: { phones?: PhoneInput[]; emails?: EmailInput[] }
) {
  const [column, id] = parentWhere(parent)
  const base = { organization_id: organizationId, ...parentColumns(parent) }
  if (input.phones) {
    await trx.from('crm_phones').where(column, id).delete()
    const primary = primaryIndex(input.phones)
    await insertInBatches(
      trx,
      'crm_phones',
      input.phones.map((p, i) => ({
        ...base,
        label: p.label || null,
        value: p.number,
        value_normalized: normalizePhone(p.number),
        is_primary: i === primary,
        position: i,
      }))
    )
  }
  if (input.emails) {
    await trx.from('crm_emails').where(column, id).delete()
    const primary = primaryIndex(input.emails)
    await insertInBatches(
      trx,
      'crm_emails',
      input.emails.map((e, i) => ({
        ...base,
        label: e.label || null,
        value: e.address,
        value_normalized: normalizeEmail(e.address),
        is_primary: i === primary,
        position: i,
      }))
    )
  }
}

/** Whether an address row says anything (the form starts with an empty fiscal one). */
const hasContent = (a: AddressInput) => !!(a.street || a.postalCode || a.city || a.province)

export async function replaceAddresses(
  trx: TransactionClientContract,
  organizationId: number,
  companyId: number,
  addresses: AddressInput[]
) {
  await trx.from('crm_addresses').where('company_id', companyId).delete()
  await insertInBatches(
    trx,
    'crm_addresses',
    addresses.filter(hasContent).map((a, i) => ({
      organization_id: organizationId,
      company_id: companyId,
      kind: a.kind,
      street: a.street || null,
      postal_code: a.postalCode || null,
      city: a.city || null,
      city_normalized: a.city ? normalizeName(a.city, 100) : null,
      province: a.province || null,
      country: a.country || 'ES',
      position: i,
    }))
  )
}

/** Deletes every phone, e-mail (and, for a company, address) of a parent. */
export async function deleteChildren(trx: TransactionClientContract, parent: Parent) {
  const [column, id] = parentWhere(parent)
  await trx.from('crm_phones').where(column, id).delete()
  await trx.from('crm_emails').where(column, id).delete()
  // Extra sectors and positions have no foreign key (0010, 0012): they go with their record;
  // a subsidiary of a purged company is left without group.
  if ('companyId' in parent) {
    await trx.from('crm_addresses').where('company_id', parent.companyId).delete()
    await trx.from('crm_company_industries').where('company_id', parent.companyId).delete()
    await trx.from('crm_contact_positions').where('company_id', parent.companyId).delete()
    await trx.from('crm_companies').where('parent_id', parent.companyId).update({ parent_id: null })
  } else {
    await trx.from('crm_contact_positions').where('contact_id', parent.contactId).delete()
  }
}

type Client = TransactionClientContract | typeof db

/** Phones and e-mails of several parents at once, in their saved order. */
export async function channelsOf(
  column: 'company_id' | 'contact_id',
  ids: number[],
  client: Client = db
) {
  const phones = new Map<number, Channel[]>()
  const emails = new Map<number, Channel[]>()
  if (!ids.length) return { phones, emails }
  const [p, e] = await Promise.all(
    ['crm_phones', 'crm_emails'].map((table) =>
      client
        .from(table)
        .whereIn(column, ids)
        .orderBy(column)
        .orderBy('position')
        .select(column, 'label', 'value', 'is_primary')
    )
  )
  for (const [rows, map] of [
    [p, phones],
    [e, emails],
  ] as const) {
    for (const r of rows) {
      const key = Number(r[column])
      if (!map.has(key)) map.set(key, [])
      map.get(key)!.push({ label: r.label ?? null, value: r.value, primary: Boolean(r.is_primary) })
    }
  }
  return { phones, emails }
}

export async function addressesOf(
  companyIds: number[],
  client: Client = db
): Promise<Map<number, Address[]>> {
  const byCompany = new Map<number, Address[]>()
  if (!companyIds.length) return byCompany
  const rows = await client
    .from('crm_addresses')
    .whereIn('company_id', companyIds)
    .orderBy('company_id')
    .orderBy('position')
    .select('company_id', 'kind', 'street', 'postal_code', 'city', 'province', 'country')
  for (const r of rows) {
    const key = Number(r.company_id)
    if (!byCompany.has(key)) byCompany.set(key, [])
    byCompany.get(key)!.push({
      kind: r.kind,
      street: r.street,
      postalCode: r.postal_code,
      city: r.city,
      province: r.province,
      country: r.country,
    })
  }
  return byCompany
}

/** A phone or e-mail as one line of history text: "Oficina: 912 345 678 *" (* = primary). */
export function channelText(c: Channel): string {
  return `${c.label ? `${c.label}: ` : ''}${c.value}${c.primary ? ' *' : ''}`
}

/** The entry to show in a list: the primary one. */
export function primaryOf(list: Channel[] | undefined): string | null {
  return list?.find((c) => c.primary)?.value ?? list?.[0]?.value ?? null
}

/** The address to show in a list: the fiscal one, else the first. */
export function mainAddress(list: Address[] | undefined): Address | null {
  return list?.find((a) => a.kind === 'fiscal') ?? list?.[0] ?? null
}
