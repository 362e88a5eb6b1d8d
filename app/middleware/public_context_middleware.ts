import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { errors as httpErrors } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import Organization from '#models/organization'
import { installer } from '#app/registry/services'
import { LOCALE_COOKIE } from '#middleware/detect_user_locale_middleware'

/** Every public route's default rate limit, per IP and route (a route may set its own). */
export const PUBLIC_RATE_LIMIT = { requests: 60, every: '1 minute' }

export interface ThrottleOptions {
  requests: number
  every: string
}

/**
 * First guard of every module's public route (`/p/<module>/<organization>/…`, no session, no
 * sign-in): the visitor's language (cookie, Accept-Language), the rate limit per IP and route
 * (`throttle(…)` of the route, else PUBLIC_RATE_LIMIT), then the organization of the URL's slug
 * with the module enabled for it — else 404, the same answer as for an unknown organization.
 */
export default class PublicContextMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { module: string }) {
    // Shield does not run here: its safe headers, no caching, and no Referer that would carry
    // a signed link's signature to another site.
    ctx.response.header('Referrer-Policy', 'no-referrer')
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.header('X-Frame-Options', 'DENY')
    ctx.response.header('Cache-Control', 'no-store')
    const wanted = [ctx.request.cookie(LOCALE_COOKIE), ...ctx.request.languages()].filter(Boolean)
    ctx.i18n = i18nManager.locale(
      i18nManager.getSupportedLocaleFor(wanted) ?? i18nManager.defaultLocale
    )

    const own = [...(ctx.route?.middleware.all() ?? [])].find(
      (one: any) => one.name === 'publicThrottle'
    ) as { args?: ThrottleOptions } | undefined
    const limit = own?.args ?? PUBLIC_RATE_LIMIT
    await limiter
      .use({ requests: limit.requests, duration: limit.every })
      .consume(`public_${ctx.route?.pattern}_${ctx.request.ip()}`)

    const row = await db
      .from('organizations')
      .where('slug', String(ctx.params.organization ?? ''))
      .select('id')
      .first()
    const enabled = row ? await (await installer()).enabled(row.id) : new Set<string>()
    if (!row || !enabled.has(options.module))
      throw new httpErrors.E_ROUTE_NOT_FOUND([ctx.request.method(), ctx.request.url()])
    ctx.organization = await Organization.cached(row.id)
    ctx.enabledModules = enabled
    return next()
  }
}
