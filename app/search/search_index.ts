import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** One searchable record as a search provider describes it. */
export interface SearchDocument {
  recordId: number
  /** The owner the user's record scope is checked on (null: only scope `all` sees it). */
  ownerId: number | null
  title: string
  subtitle?: string | null
  /** Everything the record is found by, as typed (the index folds accents and case). */
  text: string
}

/** A hit: the record and what the palette shows of it. */
export interface IndexHit {
  recordId: number
  title: string
  subtitle: string | null
}

export interface IndexQuery {
  organizationId: number
  resource: string
  q: string
  /** The user's record scope, applied inside the query (before the limit). */
  owners: 'all' | number[]
  limit: number
}

/**
 * The kernel's search index. Providers feed it documents; `GET /search` and the command
 * palette read it. The database implementation (database_index.ts: SQLite FTS5, MariaDB/MySQL
 * FULLTEXT) is the default; an installation that outgrows it points `config/search.ts` at
 * another implementation of this interface (README, "Búsqueda": Meilisearch).
 * `client` is the caller's transaction: documents are written with the record they describe.
 */
export interface SearchIndex {
  /** Replaces the documents of these records (a record with no document is removed). */
  replace(
    params: {
      organizationId: number
      resource: string
      recordIds: number[]
      documents: SearchDocument[]
      /** The records were created in the caller's transaction: none has a document yet. */
      fresh?: boolean
    },
    client: QueryClientContract
  ): Promise<void>
  /** Drops every document of a resource (of one organization, or of all). */
  clear(resource: string, organizationId: number | null, client: QueryClientContract): Promise<void>
  query(query: IndexQuery, client: QueryClientContract): Promise<IndexHit[]>
}
