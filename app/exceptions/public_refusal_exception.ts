import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

type Reason = 'link_invalid' | 'link_expired' | 'webhook_refused'

const STATUS: Record<Reason, number> = {
  link_invalid: 403,
  link_expired: 410,
  webhook_refused: 401,
}

/**
 * A public route refused the request: a tampered or wrong-purpose signed link (403), an expired
 * one (410), a webhook without a valid signature (401). Answered in the visitor's language as
 * JSON, or for browsers as the `errors/public_link` page (no shell, no user data).
 */
export class PublicRefusalException extends Exception {
  constructor(readonly reason: Reason) {
    super(`Public route refused: ${reason}`, { status: STATUS[reason], code: 'E_PUBLIC_REFUSED' })
  }

  async handle(error: PublicRefusalException, ctx: HttpContext) {
    const message = ctx.i18n.t(`errors.public.${error.reason}.message`)
    ctx.response.status(error.status)
    const wantsJson = ctx.request.accepts(['html', 'json']) === 'json'
    if (wantsJson || error.reason === 'webhook_refused' || !ctx.inertia)
      return ctx.response.send({ message })
    const page = await ctx.inertia.render('errors/public_link', {
      status: error.status,
      reason: error.reason,
    })
    return ctx.response.send(page)
  }
}
