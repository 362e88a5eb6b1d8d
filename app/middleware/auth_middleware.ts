import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'

/**
 * Requires a signed-in user; otherwise remembers the page asked for and sends the browser to
 * the login page. Only a session the server just ended (session check middleware) is explained
 * there; an anonymous visit simply lands on the login page.
 */
export default class AuthMiddleware {
  redirectTo = '/login'

  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    const guards = options.guards ?? [ctx.auth.defaultGuard]
    for (const guard of guards) {
      if (await ctx.auth.use(guard).check()) {
        await ctx.auth.authenticateUsing([guard])
        return next()
      }
    }
    if (ctx.request.accepts(['html', 'json']) === 'json') {
      return ctx.response.unauthorized({
        errors: [{ message: ctx.i18n.t('errors.E_UNAUTHORIZED_ACCESS') }],
      })
    }
    if (ctx.request.method() === 'GET') ctx.session.put('intended_url', ctx.request.url(true))
    if (ctx.sessionRefusal)
      ctx.session.flash('error', ctx.i18n.t(`auth.errors.${ctx.sessionRefusal}`))
    return ctx.response.redirect(this.redirectTo)
  }
}
