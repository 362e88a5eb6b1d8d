/*
 * A saved view's state is the list's query string without its paging (and without `view`
 * itself), in one canonical spelling so that equal states compare equal: empty values dropped,
 * keys sorted (repeated keys keep their order). The list page (resources/js/ui/saved_views.tsx)
 * computes the same spelling to tell whether the address bar differs from the view.
 */

/** Query parameters that are not part of a view: the view itself and the pager's cursors. */
export const NOT_STATE = ['view', 'cursor', 'before', 'after', 'page', 'count']

/** The canonical state of a query string (with or without its leading `?`). */
export function canonicalState(query: string): string {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)
  const kept = [...params.entries()].filter(([k, v]) => v !== '' && !NOT_STATE.includes(k))
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return new URLSearchParams(kept).toString()
}

/** The query string of a request URL (`/crm/companies?x=1` → `x=1`). */
export function queryOf(url: string): string {
  const at = url.indexOf('?')
  return at === -1 ? '' : url.slice(at + 1)
}

/** The list's address showing view `id` with its `state`. */
export function viewUrl(path: string, id: number, state: string): string {
  return `${path}?view=${id}${state ? `&${state}` : ''}`
}
