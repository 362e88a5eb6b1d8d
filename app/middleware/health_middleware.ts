import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * `GET /health` for load balancers and uptime checks, answered before anything else runs (no
 * session, CSRF, auth, language, assets lookup, Inertia or routing work).
 */
export default class HealthMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const method = ctx.request.method()
    if (ctx.request.url() !== '/health' || (method !== 'GET' && method !== 'HEAD')) return next()
    ctx.response.json({ ok: true })
  }
}
