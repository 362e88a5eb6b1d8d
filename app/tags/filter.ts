/*
 * The list's tag filter travels in the URL as `tag=<id>,<id>` (records with any of them); saved
 * views keep it like any other parameter. Malformed ids are dropped, as lists do with filters.
 */

export const TAG_FILTER_PARAM = 'tag'

/** The tag ids of a list's query string (at most 20). */
export function tagFilterOf(qs: Record<string, unknown>): number[] {
  const raw = qs[TAG_FILTER_PARAM]
  // The query-string parser turns "1,2" into a list.
  const text = Array.isArray(raw) ? raw.map(String).join(',') : typeof raw === 'string' ? raw : ''
  const ids = text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => /^\d{1,10}$/.test(v))
    .map(Number)
    .filter((n) => n > 0)
  return [...new Set(ids)].slice(0, 20)
}
