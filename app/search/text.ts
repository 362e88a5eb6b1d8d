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

const ASCII = /^\p{ASCII}*$/u
const ASCII_BREAK = /[^a-z0-9]+/

/** Whether `text` is plain ASCII (nothing to fold; letters are [A-Za-z]). */
export function isAscii(text: string): boolean {
  return ASCII.test(text)
}

/**
 * `text` with accents and other combining marks removed (ñ → n); plain ASCII, which has none,
 * comes back as it is without Unicode normalization (imports run this per cell).
 */
export function foldMarks(text: string): string {
  return ASCII.test(text) ? text : text.normalize('NFD').replace(/\p{M}/gu, '')
}

/** The folded words of `text` ("Ferretería López, S.L." → ferreteria, lopez, s, l). */
export function words(text: string): string[] {
  // Plain ASCII (most names, e-mails, NIFs, phones, domains) has nothing to fold: the same
  // words without Unicode normalization and its regular expressions (an import indexes every
  // new record's text).
  if (ASCII.test(text)) return text.toLowerCase().split(ASCII_BREAK).filter(Boolean)
  return foldMarks(text)
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

/** A candidate hit as the index reads it, before ranking. */
export interface Candidate {
  /** The document's id: newer documents have larger ones. */
  id: number
  title: string
  /** Length of the document's searchable text. */
  size: number
}

/**
 * Orders candidates for the palette, which shows the first few: those whose title holds more
 * of the words (as word prefixes) first — what the user sees is what she typed — then shorter
 * documents (a match in a short text says more, as bm25's length norm does), then the newest.
 */
export function rankHits<T extends Candidate>(terms: SearchTerms, candidates: T[]): T[] {
  const inTitle = (title: string) => {
    const own = words(title)
    return terms.words.filter((w) => own.some((x) => x.startsWith(w))).length
  }
  return candidates
    .map((c) => ({ c, score: inTitle(c.title) }))
    .sort((a, b) => b.score - a.score || a.c.size - b.c.size || b.c.id - a.c.id)
    .map((x) => x.c)
}
