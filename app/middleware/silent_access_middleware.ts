import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Organization from '#models/organization'
import { AccessContext } from '#app/access/access_context'

/**
 * Like `access`, but optional: when someone is signed in, attach their organization and
 * AccessContext so pages (the 404 page, for instance) can render inside the app shell. A
 * revoked, expired or deactivated session was already signed out by the session check
 * middleware, so such a page renders as a guest.
 */
export default class SilentAccessMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if ((await ctx.auth.check()) && ctx.auth.user!.isActive) {
      ctx.organization = await Organization.cached(ctx.auth.user!.organizationId)
      ctx.access = await AccessContext.forUser(ctx.auth.user!)
    }
    return next()
  }
}
