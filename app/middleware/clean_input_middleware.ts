import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { cleanInput } from '#app/support/clean_input'

/**
 * Cleans every request's input once, right after the body parser and before any validator:
 * NUL and control characters leave every text field (admin, CRM, sign-in forms and query
 * strings alike), and a body nested deeper than any form is refused with a 400.
 */
export default class CleanInputMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request } = ctx
    request.updateBody(cleanInput(request.body()))
    request.updateQs(cleanInput(request.qs()))
    return next()
  }
}
