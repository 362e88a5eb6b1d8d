import { router } from '@inertiajs/react'
import { notifications } from '@mantine/notifications'

export type Params = Record<string, string | number | boolean | null | undefined>

/**
 * `base` with only the params that are set as its query string (the cursor included when
 * given): empty strings, null, undefined and `false` are left out.
 */
export function listUrl(base: string, params: Params): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '' && value !== false)
      search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `${base}?${text}` : base
}

/** Applies a filter change: back to the first page (no cursor), keeping the other filters. */
export function applyFilters(base: string, params: Params) {
  router.get(
    listUrl(base, { ...params, cursor: null, before: null }),
    {},
    { preserveState: true, preserveScroll: true, replace: true }
  )
}

/** A lookup that failed; `expired` when the session is gone (401, or sent to the login page). */
export class LookupError extends Error {
  constructor(
    readonly status: number,
    readonly expired: boolean
  ) {
    super(`lookup failed: ${status}`)
  }
}

/** Reads JSON from a lookup endpoint of the app (same origin, session cookie). */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  })
  const toLogin = response.redirected && new URL(response.url).pathname === '/login'
  if (response.status === 401 || toLogin) throw new LookupError(response.status, true)
  if (!response.ok) throw new LookupError(response.status, false)
  return (await response.json()) as T
}

/**
 * What a page does when a lookup fails: an expired session reloads the page (the server sends
 * it to the login page, and back here after signing in); anything else says so, translated.
 */
export function reportLookupError(error: unknown, t: (key: string) => string) {
  if (error instanceof LookupError && error.expired) {
    window.location.reload()
    return
  }
  notifications.show({ color: 'red', message: t('ui.load_failed'), autoClose: 8000 })
}
