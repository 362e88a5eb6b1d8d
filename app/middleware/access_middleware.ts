import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Organization from '#models/organization'
import { AccessContext } from '#app/access/access_context'

/**
 * Runs after `auth` (the session itself was checked by the session check middleware): attaches
 * the organization and the request's AccessContext (permissions + record scopes).
 */
export default class AccessMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.getUserOrFail()
    ctx.organization = await Organization.cached(user.organizationId)
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
