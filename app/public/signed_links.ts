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
  /** Query parameters, covered by the signature like the path. */
  qs?: Record<string, string | number>
}

/** Key of the links' HMAC, derived from the app key (rotating APP_KEY voids every link). */
function key(): Buffer {
  return createHmac('sha256', appKey.release()).update('cartera.public.signed_links').digest()
}

/** The signature of a path with its query (everything before `signature`) for `purpose`. */
export function linkSignature(pathAndQuery: string, purpose: string): string {
  return createHmac('sha256', key()).update(`${purpose}\n${pathAndQuery}`).digest('base64url')
}

/**
 * An absolute link to a module's public route (`publicRoutes`), signed for one purpose and
 * valid until it expires: `…/p/<module>/<organization>/…?[qs&]expires=<unix>&signature=<hmac>`.
 * The signature covers the path, the whole query and the purpose.
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
  const query = new URLSearchParams(
    Object.entries(options.qs ?? {}).map(([name, value]): [string, string] => [name, String(value)])
  )
  query.set('expires', String(Math.floor(Date.now() / 1000) + seconds))
  const signed = `${path}?${query.toString()}`
  return appUrl(`${signed}&signature=${linkSignature(signed, options.purpose)}`)
}

export type LinkCheck = 'valid' | 'invalid' | 'expired'

/**
 * Checks a request's URL (path and raw query, as sent) against `purpose`: the signature must be
 * the last parameter and match everything before it; then `expires` must be in the future.
 */
export function checkLink(url: string, purpose: string, now = Date.now()): LinkCheck {
  const match = /^(.*\?.*)&signature=([A-Za-z0-9_-]+)$/.exec(url)
  if (!match) return 'invalid'
  const [, signed, signature] = match
  const given = Buffer.from(signature)
  const wanted = Buffer.from(linkSignature(signed, purpose))
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return 'invalid'
  const expires = Number(new URLSearchParams(signed.split('?')[1]).get('expires'))
  if (!Number.isInteger(expires)) return 'invalid'
  return expires * 1000 < now ? 'expired' : 'valid'
}
