import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { insertInBatches, isSqlite } from '#app/support/db'
import { escapeLike, LIKE_ESCAPE } from '#app/support/like'
import type { IndexHit, IndexQuery, SearchIndex } from './search_index.js'
import { ftsMatch, ftsStatement, searchTags } from './fts.js'
import { looserTerms, rankHits, searchTerms, searchText, type SearchTerms } from './text.js'

const TABLE = 'search_documents'
const isMysql = (client: QueryClientContract) => client.dialect.name === 'mysql'

/** InnoDB indexes words of 3 characters or more (innodb_ft_min_token_size): shorter ones use LIKE. */
const MYSQL_MIN_TOKEN = 3

/**
 * The search index in the application's database (migration 0030): SQLite FTS5 and InnoDB
 * FULLTEXT, each word matched as a word prefix, every word required; an identifier typed with
 * separators is also tried compact. Scope and organization are conditions of the same
 * statement, so the limit applies to what the user may see. When nothing matches, the words'
 * tails are cut (`looserTerms`) and the search runs once more: the typo tolerance these
 * engines allow. On any other database (MS SQL) it falls back to LIKE on `body` (README).
 */
export class DatabaseSearchIndex implements SearchIndex {
  async replace(
    params: Parameters<SearchIndex['replace']>[0],
    client: QueryClientContract
  ): Promise<void> {
    const { organizationId, resource, recordIds, documents } = params
    if (!recordIds.length) return
    // Nothing to delete for records just created (and no range locks taken on the index for
    // them, which would block another transaction inserting next to them).
    for (let i = 0; !params.fresh && i < recordIds.length; i += 500) {
      await client
        .from(TABLE)
        .where('organization_id', organizationId)
        .where('resource', resource)
        .whereIn('record_id', recordIds.slice(i, i + 500))
        .delete()
    }
    await insertInBatches(
      client,
      TABLE,
      documents.map((d) => ({
        organization_id: organizationId,
        resource,
        record_id: d.recordId,
        owner_id: d.ownerId,
        title: d.title.slice(0, 255),
        subtitle: d.subtitle ? d.subtitle.slice(0, 255) : null,
        body: searchText(d.title, d.text),
        tags: searchTags(organizationId, resource, d.ownerId),
      }))
    )
  }

  async clear(resource: string, organizationId: number | null, client: QueryClientContract) {
    const query = client.from(TABLE).where('resource', resource)
    if (organizationId !== null) query.where('organization_id', organizationId)
    await query.delete()
  }

  async query(query: IndexQuery, client: QueryClientContract): Promise<IndexHit[]> {
    const terms = searchTerms(query.q)
    if (!terms.words.length || (query.owners !== 'all' && !query.owners.length)) return []
    const hits = await this.#run(query, terms, client)
    const looser = hits.length ? null : looserTerms(terms)
    return looser ? this.#run(query, looser, client) : hits
  }

  async #run(query: IndexQuery, terms: SearchTerms, client: QueryClientContract) {
    const rows = isSqlite(client)
      ? await this.#sqlite(query, terms, client)
      : await this.#other(query, terms, client)
    return rows.map((r: Record<string, any>) => ({
      recordId: Number(r.record_id),
      title: String(r.title),
      subtitle: r.subtitle ?? null,
    }))
  }

  /**
   * FTS5 does it all: organization+resource and owners are tokens of `tags`, ANDed with the
   * terms (fts.ts), so the scope narrows the posting lists before any limit. The first
   * FTS_CANDIDATES matches are read and ranked here (`rankHits`): bm25 cost more than the
   * search itself (README, "Búsqueda"), and the palette shows five. The scope is checked again
   * on the joined row (cheap, and safe).
   */
  async #sqlite(query: IndexQuery, terms: SearchTerms, client: QueryClientContract) {
    const match = ftsMatch(terms, query.organizationId, query.resource, query.owners)
    const owners = query.owners === 'all' ? [] : query.owners
    const result = await client.rawQuery(ftsStatement(query.owners), [
      match,
      query.organizationId,
      query.resource,
      ...owners,
    ])
    const rows = (result as Record<string, any>[]).map((r) => ({
      ...r,
      id: Number(r.id),
      title: String(r.title),
      size: Number(r.size),
    }))
    return rankHits(terms, rows).slice(0, query.limit)
  }

  /** MariaDB/MySQL: MATCH … AGAINST in boolean mode; elsewhere LIKE on the folded body. */
  #other(query: IndexQuery, terms: SearchTerms, client: QueryClientContract) {
    const q = client
      .from(`${TABLE} as d`)
      .where('d.organization_id', query.organizationId)
      .where('d.resource', query.resource)
      .limit(query.limit)
      .select('d.record_id', 'd.title', 'd.subtitle')
    if (query.owners !== 'all') q.whereIn('d.owner_id', query.owners)
    const wordStart = (w: string) =>
      q.where((x) =>
        x
          .whereRaw(`d.body LIKE ? ${LIKE_ESCAPE}`, [`${escapeLike(w)}%`])
          .orWhereRaw(`d.body LIKE ? ${LIKE_ESCAPE}`, [`% ${escapeLike(w)}%`])
      )
    if (!isMysql(client)) {
      for (const w of terms.words) wordStart(w)
      return q.orderBy('d.title')
    }
    const long = terms.words.filter((w) => w.length >= MYSQL_MIN_TOKEN)
    const group = long.map((w) => `+${w}*`).join(' ')
    let against: string | null = group || null
    if (terms.compact) against = group ? `(${group}) ${terms.compact}*` : `${terms.compact}*`
    else for (const w of terms.words.filter((x) => x.length < MYSQL_MIN_TOKEN)) wordStart(w)
    if (!against) return q.orderBy('d.title')
    return q
      .whereRaw('MATCH (d.body) AGAINST (? IN BOOLEAN MODE)', [against])
      .orderByRaw('MATCH (d.body) AGAINST (? IN BOOLEAN MODE) DESC', [against])
  }
}
