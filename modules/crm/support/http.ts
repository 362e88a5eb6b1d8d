import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'

/*
 * Controller helpers of the CRM. Business-rule refusals use the kernel's RuleError and orBack
 * (#app/support/rule_error, #app/support/http).
 */

/** Who acts, where, and with which record scopes. */
export function actor(ctx: HttpContext) {
  return {
    organizationId: ctx.organization.id,
    actorId: ctx.auth.getUserOrFail().id,
    access: ctx.access,
  }
}

/** The numeric :id of the route (the router only matches digits). */
export function routeId(ctx: HttpContext): number {
  return Number(ctx.params.id)
}

/** An out-of-scope record answers exactly like a missing one. */
export function notFound(): never {
  throw new Exception('Not found', { status: 404, code: 'E_ROW_NOT_FOUND' })
}

/** Day-month-year in the user's time zone, for exports. */
export function exportDate(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('es-ES', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone,
  })
  return (iso) => format.format(new Date(iso))
}
