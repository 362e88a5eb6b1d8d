import { createHmac, timingSafeEqual } from 'node:crypto'
import router from '@adonisjs/core/services/router'
import string from '@adonisjs/core/helpers/string'
import { appKey } from '#config/app'
import { appUrl } from '#app/support/app_url'

export interface SignedUrlOptions {
  /** The organization the link belongs to (its slug is the `:organization` segment). */
  organization: { slug: string }
  /** What the link is for (`sales.quote.view`); the route's `signed(purpose)` guard must match. */
  purpose: string
  /** Lifetime: seconds or an expression such as `'7 days'`. */
  expiresIn: string | number
}

/** Key of the links' HMAC, derived from the app key (rotating APP_KEY voids every link). */
function key(): Buffer {
  return createHmac('sha256', appKey.release()).update('cartera.public.signed_links').digest()
}

/** The signature of `path` for `purpose` until `expires` (unix seconds). */
export function linkSignature(path: string, purpose: string, expires: number): string {
  return createHmac('sha256', key())
    .update(`${purpose}\n${expires}\n${path}`)
    .digest('base64url')
}

/**
 * An absolute link to a module's public route (`publicRoutes`), signed for one purpose and
 * valid until it expires: `…/p/<module>/<organization>/…?expires=<unix>&signature=<hmac>`.
 */
export function signedUrl(
  route: string,
  params: Record<string, string | number>,
  options: SignedUrlOptions
): string {
  const path = (router.urlBuilder.urlFor as any)(route, {
    ...params,
    organization: options.organization.slug,
  }) as string
  const seconds =
    typeof options.expiresIn === 'number'
      ? options.expiresIn
      : string.seconds.parse(options.expiresIn)
  const expires = Math.floor(Date.now() / 1000) + seconds
  const signature = linkSignature(path, options.purpose, expires)
  return appUrl(`${path}?expires=${expires}&signature=${signature}`)
}

export type LinkCheck = 'valid' | 'invalid' | 'expired'

/** Checks a request's path and `expires`/`signature` query against `purpose`. */
export function checkLink(
  path: string,
  query: Record<string, unknown>,
  purpose: string,
  now = Date.now()
): LinkCheck {
  const expires = Number(query.expires)
  const given = typeof query.signature === 'string' ? Buffer.from(query.signature) : null
  if (!given || !Number.isInteger(expires)) return 'invalid'
  const wanted = Buffer.from(linkSignature(path, purpose, expires))
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return 'invalid'
  return expires * 1000 < now ? 'expired' : 'valid'
}
