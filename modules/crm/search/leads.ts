import router from '@adonisjs/core/services/router'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import type { IndexDocumentsParams, SearchProvider } from '#app/registry/types'
import type { SearchDocument } from '#app/search/search_index'
import { indexDocuments, reindexRecords } from '#app/search/indexer'
import { fullName } from '../support/people.js'

const LEADS = 'crm.leads'

/**
 * Leads in the kernel's search index: by what they want, the person, the company, NIF, e-mail
 * and phone. The kernel applies the `view` scope on the owner (unowned leads: scope `all`).
 */
export async function leadDocuments(params: IndexDocumentsParams): Promise<SearchDocument[]> {
  const q = params.client.from('crm_leads as l')
  if (params.ids) q.whereIn('l.id', params.ids.length ? params.ids : [0])
  else
    q.where('l.id', '>', params.afterId ?? 0)
      .orderBy('l.id')
      .limit(params.limit ?? 1000)
  const rows = await q
    .where('l.organization_id', params.organizationId)
    .whereNull('l.deleted_at')
    .select('l.id', 'l.title', 'l.first_name', 'l.last_name', 'l.company_name', 'l.nif')
    .select('l.email', 'l.phone_normalized', 'l.owner_id')
  return rows.map((r) => leadDocument(r as LeadDocumentRow))
}

/** A lead row as its document needs it (stored columns). */
export interface LeadDocumentRow {
  id: number
  title: string
  first_name: string | null
  last_name: string | null
  company_name: string | null
  nif: string | null
  email: string | null
  phone_normalized: string | null
  owner_id: number | null
}

/** A lead's document: shared by the read above and by writers holding the row (an import). */
export function leadDocument(r: LeadDocumentRow): SearchDocument {
  const person = fullName(r.first_name ?? '', r.last_name)
  return {
    recordId: Number(r.id),
    ownerId: r.owner_id === null ? null : Number(r.owner_id),
    title: r.title,
    subtitle: [person, r.company_name].filter(Boolean).join(' · ') || null,
    text: [person, r.company_name, r.nif, r.email, r.phone_normalized?.replace(/\D/g, '')]
      .filter(Boolean)
      .join(' '),
  }
}

/** Keeps the leads' search documents current, inside the write's transaction. */
export async function indexLeads(
  client: QueryClientContract,
  organizationId: number,
  ids: number[]
) {
  await reindexRecords({ resource: LEADS, organizationId, ids, client })
}

/**
 * Indexes leads just created from the rows written: the documents `indexLeads` would read
 * back, without reading (a lead import's batch).
 */
export async function indexNewLeads(
  client: QueryClientContract,
  organizationId: number,
  rows: LeadDocumentRow[]
) {
  await indexDocuments({
    resource: LEADS,
    organizationId,
    client,
    documents: rows.map(leadDocument),
  })
}

const leadsSearch: SearchProvider<AccessContext> = {
  documents: leadDocuments,
  href: (id) => router.makeUrl('crm.leads.show', { id }),
}

export default leadsSearch
