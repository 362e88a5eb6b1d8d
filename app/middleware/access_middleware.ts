import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Organization from '#models/organization'
import { AccessContext } from '#app/access/access_context'
import { sessionFresh, sessionStampValid } from '#app/access/session_stamp'

/**
 * Runs after `auth`: refuses deactivated users, sessions older than a password change and
 * sessions idle for longer than the session age, and attaches the organization and the
 * request's AccessContext (permissions + record scopes).
 */
export default class AccessMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.getUserOrFail()
    const refusal = !user.isActive ? 'inactive' : !sessionStampValid(ctx, user) ? 'password_changed' : !sessionFresh(ctx) ? 'session_expired' : null
    if (refusal) {
      await ctx.auth.use('web').logout()
      ctx.session.flash('error', ctx.i18n.t(`auth.errors.${refusal}`))
      if (refusal === 'session_expired' && ctx.request.method() === 'GET') ctx.session.put('intended_url', ctx.request.url(true))
      return ctx.response.redirect('/login')
    }
    ctx.organization = await Organization.findOrFail(user.organizationId)
    ctx.access = await AccessContext.forUser(user)
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    access: AccessContext
    organization: Organization
  }
}
