import { apiJson, type ApiResult } from './api'
/** A saved view as the list page receives it (app/views/saved_views.ts, SavedViewDto). */
export interface SavedView {
  id: number
  name: string
  state: string
  visibility: 'private' | 'shared'
  ownerId: number
  ownerName: string | null
  mine: boolean
  manageable: boolean
  roles: number[]
  teams: number[]
}

/** The props a list page gets from `savedViewsProps` (app/views/list_views.ts). */
export interface SavedViewsPageProps {
  views?: SavedView[]
  currentViewId?: number | null
  defaultViewId?: number | null
}

/** Query parameters that are not part of a view (same list as app/views/state.ts). */
const NOT_STATE = new Set(['view', 'cursor', 'before', 'after', 'page', 'count'])

/** The canonical state of a query string: as app/views/state.ts spells it. */
export function canonicalState(query: string): string {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)
  const kept = [...params.entries()].filter(([k, v]) => v !== '' && !NOT_STATE.has(k))
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return new URLSearchParams(kept).toString()
}

/** The list's address showing view `id` with its `state`; `all` is the unfiltered "Todos" tab. */
export function viewHref(path: string, view: Pick<SavedView, 'id' | 'state'> | 'all'): string {
  if (view === 'all') return `${path}?view=all`
  return `${path}?view=${view.id}${view.state ? `&${view.state}` : ''}`
}

export type { ApiResult }

/** One call to the saved-views endpoints (JSON both ways, session cookie, CSRF header). */
export const viewsApi = apiJson

/** Field → first message, from a 422 answer. */
export function fieldErrors(result: ApiResult<unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of result.body.errors ?? []) {
    const field = (e.field ?? 'name').split('.')[0]
    out[field] ??= e.message
  }
  return out
}
