/*
 * Requests the pages make themselves (not through Inertia): the session cookie goes along and
 * the CSRF token the shield middleware sets in the XSRF-TOKEN cookie is sent back as a header,
 * as Inertia's own requests do.
 */

/** The CSRF token of the XSRF-TOKEN cookie (sent back as `X-XSRF-TOKEN`). */
export function xsrfToken(): string {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/)
  return match ? decodeURIComponent(match[1]) : ''
}

/** An answer of `apiJson`: its status, and its JSON body (`{}` when it had none). */
export interface ApiResult<T> {
  ok: boolean
  status: number
  body: T & { errors?: { field?: string; message: string }[]; message?: string }
}

/**
 * One JSON request to the app: `body` (when given) sent as JSON, the answer's JSON read (`{}`
 * when it is not JSON). An HTTP error is an answer (`ok` false, with its status and body): the
 * caller decides what it means; the promise rejects only when no answer came (network).
 */
export async function apiJson<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown
): Promise<ApiResult<T>> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      'Accept': 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      'X-XSRF-TOKEN': xsrfToken(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await response.json().catch(() => ({}))
  return { ok: response.ok, status: response.status, body: json ?? {} }
}

/** The file name of a `Content-Disposition: attachment` answer (its UTF-8 name first). */
function attachmentName(header: string | null, fallback: string): string {
  if (!header) return fallback
  const utf8 = header.match(/filename\*=UTF-8''([^;]+)/i)
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1])
    } catch {}
  }
  return header.match(/filename="([^"]+)"/i)?.[1] ?? fallback
}

/**
 * POSTs `body` as JSON to `url` and saves the file it answers (an export of a selection too
 * large for a query string). Rejects with the HTTP status when the server refuses.
 */
export async function downloadPost(url: string, body: unknown, fallbackName = 'export') {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'X-XSRF-TOKEN': xsrfToken() },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(String(response.status))
  const name = attachmentName(response.headers.get('content-disposition'), fallbackName)
  const href = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = href
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 60_000)
}
