import { router } from '@inertiajs/react'

export type Params = Record<string, string | number | null | undefined>

/** A list URL with only the filters that are set (the cursor included when given). */
export function listUrl(base: string, params: Params): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `${base}?${text}` : base
}

/** Applies a filter change: back to the first page (no cursor), keeping the other filters. */
export function applyFilters(base: string, params: Params) {
  router.get(listUrl(base, { ...params, cursor: null }), {}, { preserveState: true, preserveScroll: true, replace: true })
}

/** Reads JSON from one of the module's lookup endpoints (same origin, session cookie). */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
  if (!response.ok) throw new Error(`${response.status}`)
  return (await response.json()) as T
}

