import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { forgetPageHistory, sessionRefusal, type SessionRefusal } from '#app/access/user_sessions'

/**
 * Runs on every route, right after the session and auth are initialised: a signed-in request
 * whose session was revoked (logout, all devices, password change), sat idle too long, or whose
 * user was deactivated is signed out before anything renders — protected pages send it to the
 * login page (saying why), and error pages render as a guest.
 */
export default class SessionCheckMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (await ctx.auth.check()) {
      const refusal = await sessionRefusal(ctx, ctx.auth.user!)
      if (refusal) {
        await ctx.auth.use('web').logout()
        forgetPageHistory(ctx)
        ctx.sessionRefusal = refusal
      }
    }
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    /** Set when this request's session was just ended by the server. */
    sessionRefusal?: SessionRefusal
  }
}
