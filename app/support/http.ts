import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import { RuleError, isI18nValue } from './rule_error.js'

/** Translates a message key with its values; translated values (and lists of them) first. */
export function translateRule(
  ctx: HttpContext,
  key: string,
  values: Record<string, unknown>
): string {
  const one = (v: unknown) => (isI18nValue(v) ? ctx.i18n.t(v.i18n, {}, v.fallback) : v)
  const resolved = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.map(one).join(', ') : one(v)])
  )
  return ctx.i18n.t(key, resolved)
}

/**
 * Shows messages next to form fields, where Inertia's `errors` prop reads them (the bag VineJS
 * validation errors also go to).
 */
export function flashFieldErrors(ctx: HttpContext, errors: Record<string, string>) {
  const bag = {
    ...(ctx.session.responseFlashMessages.get('inputErrorsBag', {}) as Record<string, string[]>),
  }
  for (const [field, message] of Object.entries(errors)) bag[field] = [message]
  ctx.session.flash('inputErrorsBag', bag)
}

/**
 * Runs a write and, when a business rule refuses it, goes back to the form with the
 * translated reason (inline for a field, as a notification otherwise). Anything else is a
 * real error and propagates.
 */
export async function orBack<T>(ctx: HttpContext, work: () => Promise<T>): Promise<T | void> {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof RuleError)) throw error
    const message = translateRule(ctx, error.key, error.values)
    if (error.field) flashFieldErrors(ctx, { [error.field]: message })
    else ctx.session.flash('error', message)
    return ctx.response.redirect().back()
  }
}

/**
 * Who acts, where, and with which record scopes: what a module's write action takes from a
 * signed-in request (`{ ...actor(ctx), …params }`).
 */
export function actor(ctx: HttpContext) {
  return {
    organizationId: ctx.organization.id,
    actorId: ctx.auth.getUserOrFail().id,
    access: ctx.access,
  }
}

/** The numeric :id of the route (declare the route's id as digits only). */
export function routeId(ctx: HttpContext): number {
  return Number(ctx.params.id)
}

/** An out-of-scope record answers exactly like a missing one: 404. */
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
