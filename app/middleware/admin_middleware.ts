import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ForbiddenException } from '#exceptions/forbidden_exception'

/** Administration pages need a role with the administrator flag. */
export default class AdminMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.access.isAdmin) throw new ForbiddenException('admin')
    return next()
  }
}
