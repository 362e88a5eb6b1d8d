import router from '@adonisjs/core/services/router'
import type { AccessContext } from '#app/access/access_context'
import type { IndexDocumentsParams, SearchProvider } from '#app/registry/types'
import type { SearchDocument } from '#app/search/search_index'

/**
 * The index documents of opportunities: by name and company name (its subtitle; a stage move
 * changes no document, so the move stays one UPDATE). The
 * kernel applies the user's `view` scope on the owner; binned ones have no document. Ids are
 * read by primary key alone and filtered by organization after (see documents.ts).
 */
async function opportunityDocuments(params: IndexDocumentsParams): Promise<SearchDocument[]> {
  const q = params.client
    .from('crm_opportunities as o')
    .leftJoin('crm_companies as c', 'c.id', 'o.company_id')
    .select(
      'o.id',
      'o.organization_id',
      'o.deleted_at',
      'o.owner_id',
      'o.name',
      'c.name as company_name'
    )
  if (params.ids) q.whereIn('o.id', params.ids.length ? params.ids : [0])
  else
    q.where('o.organization_id', params.organizationId)
      .whereNull('o.deleted_at')
      .where('o.id', '>', params.afterId ?? 0)
      .orderBy('o.id')
      .limit(params.limit ?? 1000)
  const rows = await q
  return rows
    .filter((r) => Number(r.organization_id) === params.organizationId && r.deleted_at === null)
    .map((r) => ({
      recordId: Number(r.id),
      ownerId: r.owner_id === null ? null : Number(r.owner_id),
      title: r.name,
      subtitle: r.company_name ?? null,
      text: [r.company_name].filter(Boolean).join(' '),
    }))
}

const opportunitiesSearch: SearchProvider<AccessContext> = {
  documents: opportunityDocuments,
  href: (id) => router.makeUrl('crm.opportunities.show', { id }),
}

export default opportunitiesSearch
