import type { HttpContext } from '@adonisjs/core/http'
import type { DocumentRow } from './documents.js'
import { documentStream } from './documents.js'

/** RFC 5987 `ext-value` characters: everything else is percent-encoded. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

/**
 * `attachment` with an ASCII fallback name (quotes, backslashes, control and non-ASCII
 * characters replaced) and the exact name in `filename*` (RFC 6266 / RFC 5987).
 */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_')
  return `attachment; filename="${ascii || 'documento'}"; filename*=UTF-8''${encodeRfc5987(name)}`
}

/**
 * Sends a document as a download, never for the browser to render: attachment disposition,
 * `nosniff`, a sandboxing CSP in case a browser renders it anyway, private caching only.
 */
export async function sendDocument(ctx: HttpContext, doc: DocumentRow) {
  const stream = await documentStream(doc)
  ctx.response.header('Content-Type', doc.contentType)
  ctx.response.header('Content-Length', String(doc.size))
  ctx.response.header('Content-Disposition', contentDisposition(doc.name))
  ctx.response.header('X-Content-Type-Options', 'nosniff')
  ctx.response.header('Content-Security-Policy', "default-src 'none'; sandbox")
  ctx.response.header('Cache-Control', 'private, no-cache')
  ctx.response.stream(stream)
}
