import { usePage, router } from '@inertiajs/react'
import { listUrl, type Params } from '../query'

/** Keys of the list's own state in the URL, beside the filters. */
export const PAGING_KEYS = ['cursor', 'before', 'count'] as const

/** The current list's query string as a plain object (the state of the list = its URL). */
export function currentParams(url: string): Record<string, string> {
  const index = url.indexOf('?')
  return index < 0 ? {} : Object.fromEntries(new URLSearchParams(url.slice(index + 1)))
}

/**
 * The list's URL state: every parameter (filters, `sort`, `cols`, `density`, `per`, cursors),
 * `href(patch)` for a link with some changed (back to the first page unless the patch names a
 * cursor) and `apply(patch)` to go there. A saved view stores this query string as it is.
 */
export function useListUrl(base: string) {
  const { url } = usePage()
  const params = currentParams(url)
  const href = (patch: Params, keepPage = false) => {
    const next: Params = { ...params }
    if (!keepPage) for (const key of PAGING_KEYS) delete next[key]
    const merged: Params = { ...next, ...patch }
    // A saved view whose every filter was removed is the whole list ("Todos"): `?view=5` alone
    // would send the server back to the view's state, bringing the filters back.
    const set = Object.keys(merged).filter((k) => ![null, undefined, ''].includes(merged[k] as any))
    if (merged.view && merged.view !== 'all' && set.every((k) => k === 'view')) merged.view = 'all'
    return listUrl(base, merged)
  }
  const apply = (patch: Params, keepPage = false) =>
    router.get(
      href(patch, keepPage),
      {},
      { preserveState: true, preserveScroll: true, replace: true }
    )
  return { params, href, apply }
}
