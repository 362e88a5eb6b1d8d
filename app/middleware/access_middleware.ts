import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Organization from '#models/organization'
import { AccessContext } from '#app/access/access_context'
import { sessionStampValid } from '#app/access/session_stamp'

/**
 * Runs after `auth`: refuses deactivated users and sessions older than a password change, and attaches the organization and the
 * request's AccessContext (permissions + record scopes).
 */
export default class AccessMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.getUserOrFail()
    if (!user.isActive || !sessionStampValid(ctx, user)) {
      await ctx.auth.use('web').logout()
      ctx.session.flash('error', ctx.i18n.t(user.isActive ? 'auth.errors.password_changed' : 'auth.errors.inactive'))
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
