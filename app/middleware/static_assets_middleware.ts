import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaticMiddleware from '@adonisjs/static/static_middleware'

let assets: Promise<StaticMiddleware> | undefined

/**
 * public/ holds only the built assets (public/assets, from Vite): only /assets/ URLs look on
 * disk. Any other request (pages, forms) would otherwise pay a file-system lookup first.
 */
export default class StaticAssetsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.request.url().startsWith('/assets/')) return next()
    assets ??= app.container.make(StaticMiddleware)
    return (await assets).handle(ctx, next)
  }
}
