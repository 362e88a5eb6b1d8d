import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** `throttle(options)`: a marker read by the public context middleware, which applies it. */
export default class PublicThrottleMiddleware {
  async handle(_ctx: HttpContext, next: NextFn, _options: { requests: number; every: string }) {
    return next()
  }
}
