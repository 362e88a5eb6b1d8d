import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { visibleCompanyId } from '../companies/load_company.js'
import { applySearch } from '../../support/search.js'
import { fullName } from '../../support/people.js'
import { CONTACTS } from './load_contact.js'
import type { Option } from '../../dto/shared.js'

/** Options per lookup page (the picker shows the first page; typing narrows it). */
export const LOOKUP_LIMIT = 20

export interface ContactLookup {
  /** Name or surname prefix, e-mail prefix or phone, as the contacts list searches. */
  q?: string
  /** Only contacts of this company (nothing when the user may not see it). */
  companyId?: number
  /** Never this contact (a contact does not report to itself). */
  exceptId?: number
  /** Keyset: the page after this option (its `cursor`). */
  after?: string
  limit?: number
}

/**
 * Contacts the user may see (her `view` scope; binned ones excluded by the scope), searched as
 * she types, a page at a time in name order: the record picker's source ("reports to", and any
 * other field naming a contact). `next` is the cursor of the following page, or null.
 */
export async function contactLookup(
  access: AccessContext,
  params: ContactLookup
): Promise<{ options: Option[]; next: string | null }> {
  if (params.companyId && !(await visibleCompanyId(access, params.companyId)))
    return { options: [], next: null }
  const limit = Math.min(Math.max(params.limit ?? LOOKUP_LIMIT, 1), 50)
  const query = db
    .from('crm_contacts as ct')
    .orderBy('ct.name_normalized')
    .orderBy('ct.id')
    .limit(limit + 1)
    .select('ct.id', 'ct.first_name', 'ct.last_name', 'ct.position', 'ct.name_normalized')
  await access.scope(query, CONTACTS, { table: 'ct' })
  if (params.companyId) query.where('ct.company_id', params.companyId)
  if (params.exceptId) query.whereNot('ct.id', params.exceptId)
  const after = decodeCursor(params.after)
  if (after)
    query.where((q) =>
      q
        .where('ct.name_normalized', '>', after.name)
        .orWhere((same) =>
          same.where('ct.name_normalized', after.name).where('ct.id', '>', after.id)
        )
    )
  const q = params.q?.trim()
  if (q)
    applySearch(query, {
      organizationId: access.organizationId,
      q,
      table: 'crm_contacts',
      alias: 'ct',
    })
  const rows = await query
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    options: page.map((r) => ({
      value: String(r.id),
      label: r.position
        ? `${fullName(r.first_name, r.last_name)} · ${r.position}`
        : fullName(r.first_name, r.last_name),
    })),
    next: rows.length > limit && last ? encodeCursor(last.name_normalized, Number(last.id)) : null,
  }
}

const encodeCursor = (name: string, id: number) =>
  Buffer.from(JSON.stringify([name, id])).toString('base64url')

function decodeCursor(cursor?: string): { name: string; id: number } | null {
  if (!cursor) return null
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString())
    return typeof name === 'string' && Number.isInteger(id) ? { name, id } : null
  } catch {
    return null
  }
}
