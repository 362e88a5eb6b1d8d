/*
 * The SQLite FTS5 side of the search index (migration 0040): the scope tokens of a document,
 * the MATCH expression of a search and the statement DatabaseSearchIndex runs. No imports but
 * a type, so bench/search.mjs times these very strings.
 *
 * The FTS table is `detail=none` with prefix indexes of 1 to 6 characters: a word typed in the
 * palette is a prefix query, and without a prefix index of its length FTS5 first merges the
 * doclists of every term that starts with it ("es" of every e-mail, "b" of every NIF). With no
 * positions or columns stored, the scope tokens start with "_" (a token character of the FTS
 * table that folded text never holds, text.ts), so no word of the body can match them.
 */
import type { SearchTerms } from './text.js'

/** How many in-scope matches are read, in index order, before `rankHits` keeps the best. */
export const FTS_CANDIDATES = 200

/** Organization and resource in one token ("_r1crmcompanies"): one posting list to intersect. */
export function scopeTag(organizationId: number, resource: string): string {
  return `_r${organizationId}${resource.replace(/[^a-z0-9]/gi, '').toLowerCase()}`
}

/** The owner's token ("_u7"; "_u0" for no owner, which only scope `all` sees). */
export function ownerTag(ownerId: number | null): string {
  return `_u${ownerId ?? 0}`
}

/** The FTS5 tokens of a document's scope ("_r1crmcompanies _u7"), stored in `tags`. */
export function searchTags(organizationId: number, resource: string, ownerId: number | null) {
  return `${scopeTag(organizationId, resource)} ${ownerTag(ownerId)}`
}

/**
 * The FTS5 MATCH expression of a search: the organization+resource token, (unless `all`) one
 * of the owners the user may see, AND every word as a prefix (or the entry compact) — so the
 * scope narrows the posting lists inside the full-text engine, before any limit.
 */
export function ftsMatch(
  terms: SearchTerms,
  organizationId: number,
  resource: string,
  owners: 'all' | number[]
): string {
  const all = terms.words.map((w) => `"${w}"*`).join(' AND ')
  const body = terms.compact ? `(${all}) OR "${terms.compact}"*` : all
  const who = owners === 'all' ? '' : ` AND (${owners.map(ownerTag).join(' OR ')})`
  return `${scopeTag(organizationId, resource)}${who} AND (${body})`
}

/**
 * The statement of one search: the first FTS_CANDIDATES matches in rowid order (no bm25: its
 * IDF counts every row of every token of the query, the scope tokens included, on each query),
 * joined to their documents with the same scope checked again. CROSS JOIN keeps SQLite's
 * planner driving from the matches: given the choice it walks every document of the resource
 * by the scope index and probes the matches (half a second at a million). Bindings: the MATCH
 * expression, organization, resource, then the owners (when not `all`).
 */
export function ftsStatement(owners: 'all' | number[]): string {
  const who = owners === 'all' ? '' : ` AND d.owner_id IN (${owners.map(() => '?').join(', ')})`
  return (
    'SELECT d.id, d.record_id, d.title, d.subtitle, length(d.body) AS size FROM ' +
    `(SELECT rowid AS rid FROM search_fts WHERE search_fts MATCH ? LIMIT ${FTS_CANDIDATES}) AS f ` +
    `CROSS JOIN search_documents AS d ON d.id = f.rid WHERE d.organization_id = ? AND d.resource = ?${who}`
  )
}
