/*
 * The search index's text rules, the same for documents and queries: lowercase, accents and
 * other combining marks folded ("Andalucía" → "andalucia"), anything but letters and digits is
 * a word break.
 */

/** A record's searchable text as the index stores it: folded words, single-spaced. */
export function searchText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .map((p) => words(p).join(' '))
    .filter(Boolean)
    .join(' ')
}

/** The folded words of `text` ("Ferretería López, S.L." → ferreteria, lopez, s, l). */
export function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}

/** An identifier written compact: "B-12.345.678" → "b12345678", "961 23 45 67" → "961234567". */
export function compact(text: string): string {
  return words(text).join('')
}

/** What a search box entry is looked up by. */
export interface SearchTerms {
  /** Every word must start a word of the document (at most 6). */
  words: string[]
  /**
   * The entry written compact, when it holds a digit and more than one word ("B-12345678",
   * "600 12 34 56"): documents store identifiers that way, so it is tried as a prefix too.
   */
  compact: string | null
}

export function searchTerms(q: string): SearchTerms {
  const list = [...new Set(words(q))].slice(0, 6)
  const joined = list.join('')
  const raw = compact(q)
  return {
    words: list,
    compact: /\d/.test(raw) && words(q).length > 1 && joined.length >= 3 ? raw : null,
  }
}

/**
 * A looser form of the terms for the typo fallback: each word of 5 letters or more cut to
 * its first 60 % (at least 4 letters), so a slip in a word's second half ("ferreteira",
 * "andalcuia") still finds it by prefix. Null when nothing would change.
 */
export function looserTerms(terms: SearchTerms): SearchTerms | null {
  let changed = false
  const list = terms.words.map((w) => {
    if (w.length < 5 || /^\d+$/.test(w)) return w
    changed = true
    return w.slice(0, Math.max(4, Math.ceil(w.length * 0.6)))
  })
  return changed ? { words: list, compact: null } : null
}

/** The FTS5 tokens of a document's organization, resource and owner ("o1 rcrmcompanies u7"). */
export function searchTags(organizationId: number, resource: string, ownerId: number | null) {
  return `o${organizationId} r${resource.replace(/[^a-z0-9]/gi, '').toLowerCase()} u${ownerId ?? 0}`
}

/**
 * The FTS5 MATCH expression of a search: organization, resource and (unless `all`) one of the
 * owners the user may see, as tokens of the `tags` column, AND the terms on `body` — so the
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
  const [org, res] = searchTags(organizationId, resource, null).split(' ')
  const who = owners === 'all' ? '' : ` AND (${owners.map((o) => `u${o}`).join(' OR ')})`
  return `tags : (${org} AND ${res}${who}) AND body : (${body})`
}
