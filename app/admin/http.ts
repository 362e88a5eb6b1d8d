import type { HttpContext } from '@adonisjs/core/http'

/** The signed-in administrator and their organization: who acts, where. */
export function actor(ctx: HttpContext): { organizationId: number; actorId: number } {
  return { organizationId: ctx.organization.id, actorId: ctx.auth.getUserOrFail().id }
}
