import string from '@adonisjs/core/helpers/string'
import { HttpResponse } from '@adonisjs/core/http'
import type { HttpContext } from '@adonisjs/core/http'
import type { ShieldConfig } from '@adonisjs/shield/types'
// Its `response.nonce` declaration.
import type {} from '@adonisjs/shield/shield_middleware'

type CspOptions = NonNullable<ShieldConfig['csp']>

/** Where the nonce goes in the precomputed header. */
const NONCE = '\u0000'

/**
 * The Content-Security-Policy of config/shield.ts, worked out once: the header the shield's
 * guard (helmet's serialiser) rebuilds for every request, directive by directive, is constant
 * except for the nonce. Null when CSP is off.
 */
export function cspPolicy(options: CspOptions | undefined) {
  if (!options?.enabled) return null
  const parts = Object.entries(options.directives ?? {}).map(([name, values]) => {
    const directive = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
    const list = ([values].flat() as unknown[]).map((value) =>
      value === '@nonce' ? `'nonce-${NONCE}'` : String(value)
    )
    return list.length ? `${directive} ${list.join(' ')}` : directive
  })
  const [before, ...after] = parts.join(';').split(NONCE)
  const name = options.reportOnly
    ? 'Content-Security-Policy-Report-Only'
    : 'Content-Security-Policy'
  return {
    name,
    /** The header of a response whose nonce is `nonce`. */
    value: (nonce: string) => (after.length ? before + nonce + after.join(nonce) : before),
  }
}
export type CspPolicy = NonNullable<ReturnType<typeof cspPolicy>>

/**
 * The nonce of this response, made on first use: only a response that can be a document (an
 * HTML page, an error page, a file) needs one, and templates read the same value the header
 * carries (`cspNonce`, app/support/lazy_view.ts).
 */
export function installLazyNonce(): void {
  const own = (response: HttpResponse, nonce: string) => {
    Object.defineProperty(response, 'nonce', { value: nonce, writable: true, configurable: true })
    ;(response.response as { nonce?: string }).nonce = nonce
    return nonce
  }
  Object.defineProperty(HttpResponse.prototype, 'nonce', {
    configurable: true,
    get(this: HttpResponse) {
      return own(this, string.generateRandom(16))
    },
    // The shield's own guard (and whoever else) may still set one.
    set(this: HttpResponse, nonce: string) {
      own(this, nonce)
    },
  })
}

/**
 * Whether the response the handler left can be rendered as a document, which is what a CSP
 * protects. JSON (an Inertia visit, an API answer), a redirect (browsers follow its Location
 * and never show its body) and a 204/304 cannot; every other answer (HTML, text, a stream or a
 * file) is treated as one.
 */
export function mayBeDocument(ctx: HttpContext): boolean {
  const response = ctx.response
  const status = response.getStatus()
  if (status === 204 || status === 304) return false
  if (status >= 300 && status < 400 && response.getHeader('location')) return false
  if (response.hasStream || response.hasFileToStream || !response.hasContent) return true
  const body = response.content?.[0]
  return typeof body !== 'object' || body === null || body instanceof Uint8Array
}

/** Sets the policy, with this response's nonce, on the response. */
export function applyCsp(ctx: HttpContext, policy: CspPolicy): void {
  // A handler's own, stricter policy (a document download's sandbox) is never replaced.
  if (ctx.response.getHeader(policy.name) !== undefined) return
  ctx.response.header(policy.name, policy.value(ctx.response.nonce))
}
