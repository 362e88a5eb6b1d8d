import app from '@adonisjs/core/services/app'
import { HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as limiterErrors } from '@adonisjs/limiter'

/**
 * An Inertia form keeps what the user typed in the page, so its input is never flashed back
 * through the session: in the cookie store a long text would push the cookie past the browser's
 * 4 KB limit, the browser would drop it, and the errors would vanish with it.
 */
function forgetFlashedInput(ctx: HttpContext) {
  if (ctx.request.header('x-inertia') && ctx.session) ctx.session.responseFlashMessages.unset('input')
}

/**
 * Errors render as the app's own 403/404/500 pages (Inertia) for browsers and as JSON for API
 * clients. Validation errors go back to the form (framework default, without the input for
 * Inertia requests).
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction && !app.inTest
  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (error, ctx) => this.#page(ctx, 'errors/forbidden', 403, error),
    '404': (_, ctx) => this.#page(ctx, 'errors/not_found', 404),
    '500..599': (_, ctx) => this.#page(ctx, 'errors/server_error', 500),
  }

  async #page(ctx: HttpContext, component: string, status: number, error?: any) {
    ctx.response.status(status)
    if (!('inertia' in ctx) || !ctx.inertia) return ctx.response.send(String(status))
    const module = error?.code === 'E_MODULE_DISABLED' ? error.module : null
    return ctx.inertia.render(component, { status, module })
  }

  async handle(error: any, ctx: HttpContext) {
    // A throttled form post goes back to the form with the translated message.
    const wantsJson = ctx.request.accepts(['html', 'json']) === 'json'
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS && !wantsJson && ctx.request.method() !== 'GET' && ctx.session) {
      ctx.session.flash('error', error.getResponseMessage(ctx))
      ctx.session.flashExcept(['password', 'password_confirmation', '_csrf'])
      forgetFlashedInput(ctx)
      return ctx.response.redirect().back()
    }
    if (error?.code === 'E_ROW_NOT_FOUND') error.status = 404
    return super.handle(error, ctx)
  }

  async renderValidationErrorAsHTML(error: any, ctx: HttpContext) {
    await super.renderValidationErrorAsHTML(error, ctx)
    forgetFlashedInput(ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
