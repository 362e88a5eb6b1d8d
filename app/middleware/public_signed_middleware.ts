import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { PublicRefusalException } from '#exceptions/public_refusal_exception'
import { checkLink } from '#app/public/signed_links'

/** `signed(purpose)`: the request's URL must carry a valid, unexpired signature for `purpose`. */
export default class PublicSignedMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { purpose: string }) {
    const check = checkLink(ctx.request.url(true), options.purpose)
    if (check === 'invalid') throw new PublicRefusalException('link_invalid')
    if (check === 'expired') throw new PublicRefusalException('link_expired')
    return next()
  }
}
