import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import searchConfig from '#config/search'
import { moduleRegistry } from '#app/registry/main'
import type { SearchProvider } from '#app/registry/types'
import { memoByKey } from '#app/support/memo'
import type { SearchDocument, SearchIndex } from './search_index.js'

let current: SearchIndex | undefined

/** The configured search index (config/search.ts). */
export function searchIndex(): SearchIndex {
  current ??= searchConfig.index()
  return current
}

/**
 * The provider that feeds the index for `resource`, or null (none, or a legacy one). Kept once
 * found: every indexed write asks (an import's batch twice), and a dynamic `import()` of a
 * loaded module still goes through module resolution.
 */
export const indexedProvider = memoByKey(findProvider)

async function findProvider(resource: string): Promise<SearchProvider | null> {
  const registry = await moduleRegistry()
  const definition = registry.searchProviders().find((p) => p.resource === resource)
  if (!definition) return null
  const { default: provider } = await definition.provider()
  return provider.documents ? provider : null
}

/**
 * Brings the index up to date for these records of `resource`, in the caller's transaction
 * (`client`): modules call it from every write of a searchable record — create, update, bin,
 * restore, purge, import — so the document commits (or rolls back) with the record.
 */
export async function reindexRecords(params: {
  resource: string
  organizationId: number
  ids: number[]
  client: QueryClientContract
}): Promise<void> {
  const ids = [...new Set(params.ids)]
  if (!ids.length) return
  const provider = await indexedProvider(params.resource)
  if (!provider) return
  const { organizationId, client } = params
  const documents = await provider.documents!({ organizationId, ids, client })
  await searchIndex().replace(
    { organizationId, resource: params.resource, recordIds: ids, documents },
    client
  )
}

/**
 * Writes documents the caller built from values it holds (an import's new records, just
 * inserted in the caller's transaction, so none has a document to replace), instead of
 * reading the records back: nothing when the resource feeds no index.
 */
export async function indexDocuments(params: {
  resource: string
  organizationId: number
  documents: SearchDocument[]
  client: QueryClientContract
}): Promise<void> {
  const { organizationId, resource, documents, client } = params
  if (!documents.length || !(await indexedProvider(resource))) return
  const recordIds = documents.map((d) => d.recordId)
  await searchIndex().replace(
    { organizationId, resource, recordIds, documents, fresh: true },
    client
  )
}

/**
 * Rebuilds the documents of `resource` (every organization, or one), in batches of `batch`
 * records each in its own transaction. Returns how many documents were written.
 */
export async function reindexResource(
  resource: string,
  options: { organizationId?: number; batch?: number } = {}
): Promise<number> {
  const provider = await indexedProvider(resource)
  if (!provider) return 0
  const batch = options.batch ?? 1000
  const orgs =
    options.organizationId !== undefined
      ? [options.organizationId]
      : (await db.from('organizations').select('id').orderBy('id')).map((o) => Number(o.id))
  let written = 0
  for (const organizationId of orgs) {
    await searchIndex().clear(resource, organizationId, db.connection())
    let afterId = 0
    for (;;) {
      const done = await db.transaction(async (trx) => {
        const documents = await provider.documents!({
          organizationId,
          afterId,
          limit: batch,
          client: trx,
        })
        if (!documents.length) return true
        const recordIds = documents.map((d) => d.recordId)
        await searchIndex().replace({ organizationId, resource, recordIds, documents }, trx)
        written += documents.length
        afterId = Math.max(...recordIds)
        return false
      })
      if (done) break
    }
  }
  return written
}
