import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { IndexDocumentsParams } from '#app/registry/types'
import type { SearchDocument } from '#app/search/search_index'
import { fullName } from '../support/people.js'

type Parent = 'company_id' | 'contact_id'
type Row = Record<string, any>

/**
 * The rows a `documents` call is about: these ids, or the next page of live ids. Ids are read by
 * primary key alone — with the organization in the WHERE, SQLite walks the organization's index
 * (every company of it) for an IN list — and `live()` keeps those of the organization not in the bin.
 */
function pick(table: string, params: IndexDocumentsParams) {
  const alias = table === 'crm_companies' ? 'c' : 'ct'
  const q = params.client.from(`${table} as ${alias}`)
  if (params.ids)
    q.whereIn(`${alias}.id`, params.ids.length ? params.ids : [0]).select(
      `${alias}.organization_id as _org`,
      `${alias}.deleted_at as _deleted`
    )
  else
    q.where(`${alias}.organization_id`, params.organizationId)
      .whereNull(`${alias}.deleted_at`)
      .where(`${alias}.id`, '>', params.afterId ?? 0)
      .orderBy(`${alias}.id`)
      .limit(params.limit ?? 1000)
  return q
}

function live(rows: Row[], params: IndexDocumentsParams): Row[] {
  if (!params.ids) return rows
  return rows.filter((r) => Number(r._org) === params.organizationId && r._deleted === null)
}

/** Phones and e-mails of these records, by record: every value and its compact forms. */
async function channels(client: QueryClientContract, parent: Parent, ids: number[]) {
  const byRecord = new Map<
    number,
    { phones: string[]; emails: string[]; primaryEmail: string | null }
  >()
  if (!ids.length) return byRecord
  const entry = (id: number) => {
    if (!byRecord.has(id)) byRecord.set(id, { phones: [], emails: [], primaryEmail: null })
    return byRecord.get(id)!
  }
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500)
    const [phones, emails] = await Promise.all([
      client.from('crm_phones').whereIn(parent, slice).select(parent, 'value_normalized'),
      client
        .from('crm_emails')
        .whereIn(parent, slice)
        .orderBy('is_primary', 'desc')
        .orderBy('position')
        .select(parent, 'value'),
    ])
    for (const p of phones) entry(Number(p[parent])).phones.push(...phoneKeys(p.value_normalized))
    for (const e of emails) {
      const item = entry(Number(e[parent]))
      item.emails.push(e.value)
      item.primaryEmail ??= e.value
    }
  }
  return byRecord
}

/** "+34961234567" → 34961234567 and 961234567 (typed with or without the country code). */
export function phoneKeys(normalized: string): string[] {
  const digits = normalized.replace(/\D/g, '')
  return digits.startsWith('34') && digits.length === 11 ? [digits, digits.slice(2)] : [digits]
}

/** A NIF as stored and its digits alone ("B12345674" → b12345674, 12345674). */
function nifKeys(nif: string | null): string[] {
  if (!nif) return []
  const digits = nif.replace(/\D/g, '')
  return digits && digits !== nif ? [nif, digits] : [nif]
}

/** A company row as its document needs it (stored columns). */
export interface CompanyDocumentRow {
  id: number
  name: string
  legal_name: string | null
  nif: string | null
  website_domain: string | null
  owner_id: number | null
}

/**
 * A company's document from its row and its channels: phones in their search forms
 * (`phoneKeys`), e-mails primary first. Shared by the read below and by writers that hold the
 * values already (an import's new companies).
 */
export function companyDocument(
  r: CompanyDocumentRow,
  ch: { phones: string[]; emails: string[] } | undefined
): SearchDocument {
  return {
    recordId: Number(r.id),
    ownerId: r.owner_id === null ? null : Number(r.owner_id),
    title: r.name,
    subtitle: [r.legal_name, r.nif].filter(Boolean).join(' · ') || null,
    text: [
      r.legal_name,
      ...nifKeys(r.nif),
      r.website_domain,
      ...(ch?.phones ?? []),
      ...(ch?.emails ?? []),
    ]
      .filter(Boolean)
      .join(' '),
  }
}

/** Companies: name, legal name, NIF, phones, e-mails, web domain. */
export async function companyDocuments(params: IndexDocumentsParams): Promise<SearchDocument[]> {
  const rows = live(
    await pick('crm_companies', params).select(
      'c.id',
      'c.name',
      'c.legal_name',
      'c.nif',
      'c.website_domain',
      'c.owner_id'
    ),
    params
  )
  const more = await channels(
    params.client,
    'company_id',
    rows.map((r) => Number(r.id))
  )
  return rows.map((r) => companyDocument(r as CompanyDocumentRow, more.get(Number(r.id))))
}

/** Contacts: name, e-mails, phones, position and the name of their company. */
export async function contactDocuments(params: IndexDocumentsParams): Promise<SearchDocument[]> {
  const rows = live(
    await pick('crm_contacts', params)
      .leftJoin('crm_companies as c', (j) =>
        j.on('c.id', 'ct.company_id').andOnNull('c.deleted_at')
      )
      .select(
        'ct.id',
        'ct.first_name',
        'ct.last_name',
        'ct.position',
        'ct.owner_id',
        'c.name as company_name'
      ),
    params
  )
  const more = await channels(
    params.client,
    'contact_id',
    rows.map((r) => Number(r.id))
  )
  return rows.map((r) => {
    const ch = more.get(Number(r.id))
    return {
      recordId: Number(r.id),
      ownerId: r.owner_id === null ? null : Number(r.owner_id),
      title: fullName(r.first_name, r.last_name),
      subtitle: [r.company_name, ch?.primaryEmail].filter(Boolean).join(' · ') || null,
      text: [r.company_name, r.position, ...(ch?.phones ?? []), ...(ch?.emails ?? [])]
        .filter(Boolean)
        .join(' '),
    }
  })
}
