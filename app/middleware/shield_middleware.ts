import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import { errors } from '@adonisjs/shield'
import { frameGuardFactory, hstsFactory, noSniffFactory } from '@adonisjs/shield/guards'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { ShieldConfig } from '@adonisjs/shield/types'
import { applyCsp, cspPolicy, mayBeDocument, type CspPolicy } from '#app/support/csp'
// Its `request.csrfToken` declaration (the framework's middleware itself is not used).
import type {} from '@adonisjs/shield/shield_middleware'

/** Session key of the CSRF secret and name of the cookie Inertia's client reads the token from. */
const SECRET_KEY = 'csrf-secret'
export const XSRF_COOKIE = 'XSRF-TOKEN'

/**
 * The shield middleware (CSP, X-Frame-Options, HSTS, nosniff and CSRF, config/shield.ts) with
 * two differences. The CSP header (and its nonce) is built only for a response that can be a
 * document, not for JSON or a redirect, from a header worked out once (app/support/csp.ts).
 * In CSRF, the framework's guard mints a new token and re-encrypts it into the XSRF-TOKEN
 * cookie on every response. Here a token the browser already holds is kept while it is still
 * valid for the session's secret, and no Set-Cookie is sent for it; a new token (and cookie) is
 * issued when there is none, when it does not decrypt, or when the secret changed (a
 * new session: sign-in, sign-out). What is checked does not change: every POST, PUT, PATCH and
 * DELETE needs a token (the `_csrf` field, the X-CSRF-TOKEN header or the encrypted
 * X-XSRF-TOKEN header) made from this session's secret, else E_BAD_CSRF_TOKEN. Tokens have the
 * format of the `csrf` package the framework uses (`<salt>-<sha1(salt-secret)>`), so the test
 * client's `withCsrfToken()` keeps working.
 */
export default class ShieldMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { csrf, guards, csp } = (setup ??= build())
    if (csrf.enabled) checkCsrf(ctx, csrf)
    for (const guard of guards) await guard(ctx)
    if (!csp) return next()
    // The CSP goes on what can be a document, known once the handler has answered
    // (app/support/csp.ts); an error is answered by a page, so it gets one too.
    try {
      await next()
    } catch (error) {
      applyCsp(ctx, csp)
      throw error
    }
    if (mayBeDocument(ctx)) applyCsp(ctx, csp)
  }
}

/** Built once (the framework's middleware builds its guards again for every request). */
let setup:
  | {
      csrf: ShieldConfig['csrf']
      guards: ((ctx: HttpContext) => unknown)[]
      csp: CspPolicy | null
    }
  | undefined
function build(): NonNullable<typeof setup> {
  const config = app.config.get<ShieldConfig>('shield')
  return {
    csrf: config.csrf ?? { enabled: false },
    guards: [
      frameGuardFactory(config.xFrame ?? { enabled: false }),
      hstsFactory(config.hsts ?? { enabled: false }),
      noSniffFactory(config.contentTypeSniffing ?? { enabled: false }),
    ],
    csp: cspPolicy(config.csp),
  }
}

/** Reads config/shield.ts again on the next request (tests that change it). */
export function reloadShieldConfig(): void {
  setup = undefined
}

function checkCsrf(ctx: HttpContext, options: ShieldConfig['csrf']) {
  let secret = ctx.session.get(SECRET_KEY)
  if (typeof secret !== 'string' || !secret) {
    secret = randomBytes(18).toString('base64url')
    ctx.session.put(SECRET_KEY, secret)
  }
  const held = options.enableXsrfCookie ? decryptXsrf(ctx.request.cookiesList()[XSRF_COOKIE]) : null
  const heldValid = held !== null && verifyToken(secret, held)
  if (heldValid) ctx.request.csrfToken = held
  else issueToken(ctx, secret, options)
  const view = ctx as unknown as { view?: { share(data: Record<string, unknown>): unknown } }
  if ('view' in ctx && view.view) view.view.share({ csrfToken: ctx.request.csrfToken })
  if (!mustValidate(ctx, options)) return
  const token = tokenFromRequest(ctx, options)
  if (!token) throw new errors.E_BAD_CSRF_TOKEN()
  // Inertia and fetch send back the very token of the XSRF-TOKEN cookie, checked just above
  // against this secret: the same text is not hashed again (compared in constant time).
  if (heldValid && sameText(token, held)) return
  if (!verifyToken(secret, token)) throw new errors.E_BAD_CSRF_TOKEN()
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** A token of `secret` for this request, and in the XSRF-TOKEN cookie of its response. */
function issueToken(ctx: HttpContext, secret: string, options: ShieldConfig['csrf']) {
  ctx.request.csrfToken = createToken(secret)
  if (!options.enableXsrfCookie) return
  // Only the last XSRF-TOKEN of a response counts: drop one this response already carries.
  const earlier = ctx.response.getHeader('set-cookie')
  if (earlier !== undefined) {
    const kept = [earlier]
      .flat()
      .map(String)
      .filter((cookie) => !cookie.startsWith(`${XSRF_COOKIE}=`))
    ctx.response.removeHeader('set-cookie')
    if (kept.length) ctx.response.header('set-cookie', kept)
  }
  ctx.response.encryptedCookie(XSRF_COOKIE, ctx.request.csrfToken, {
    ...options.cookieOptions,
    httpOnly: false,
  })
}

/**
 * A new CSRF secret for this browser's session (sign-in, sign-out), with its token in the
 * XSRF-TOKEN cookie of this very response: the page the browser is sent to next already holds
 * a valid token, so it is not minted (and the session written again) on that request.
 */
export function renewCsrfSecret(ctx: HttpContext): void {
  const options = (setup ??= build()).csrf
  if (!options.enabled) {
    ctx.session.forget(SECRET_KEY)
    return
  }
  const secret = randomBytes(18).toString('base64url')
  ctx.session.put(SECRET_KEY, secret)
  issueToken(ctx, secret, options)
}

function mustValidate(ctx: HttpContext, options: ShieldConfig['csrf']): boolean {
  const methods = (options.methods ?? []).map((m) => m.toLowerCase())
  if (methods.length && !methods.includes(ctx.request.method().toLowerCase())) return false
  const except = options.exceptRoutes ?? []
  if (typeof except === 'function') return !except(ctx)
  return !except.includes(ctx.route?.pattern ?? '')
}

function tokenFromRequest(ctx: HttpContext, options: ShieldConfig['csrf']): string | null {
  const field = ctx.request.input('_csrf')
  if (field) return typeof field === 'string' ? field : null
  const header = ctx.request.header('x-csrf-token')
  if (header) return header
  if (!options.enableXsrfCookie) return null
  const encrypted = ctx.request.header('x-xsrf-token')
  if (typeof encrypted !== 'string' || !encrypted) return null
  let raw: string
  try {
    raw = decodeURIComponent(encrypted)
  } catch {
    return null
  }
  return decryptXsrf(raw)
}

/**
 * The token inside an encrypted XSRF-TOKEN value (`e:<ciphertext>`), remembered for the last
 * few thousand values: the same browser sends the same cookie on every request. Only values
 * that decrypted are kept, and a value always decrypts to the same token.
 */
const decrypted = new Map<string, string>()
const DECRYPTED_MAX = 5000

export function decryptXsrf(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('e:')) return null
  const known = decrypted.get(value)
  if (known !== undefined) return known
  const token = encryption.decrypt<string>(value.slice(2), XSRF_COOKIE)
  if (typeof token !== 'string') return null
  if (decrypted.size >= DECRYPTED_MAX) decrypted.delete(decrypted.keys().next().value!)
  decrypted.set(value, token)
  return token
}

/** `csrf`'s format: a salt, a dash, then SHA-1 of `salt-secret` in unpadded base64url. */
function tokenFor(secret: string, salt: string): string {
  return `${salt}-${createHash('sha1').update(`${salt}-${secret}`, 'ascii').digest('base64url')}`
}

export function createToken(secret: string): string {
  return tokenFor(secret, randomBytes(4).toString('hex'))
}

export function verifyToken(secret: string, token: string): boolean {
  if (!secret || typeof token !== 'string') return false
  const at = token.indexOf('-')
  if (at <= 0) return false
  const expected = Buffer.from(tokenFor(secret, token.slice(0, at)))
  const given = Buffer.from(token)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
