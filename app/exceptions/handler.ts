import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import i18nManager from '@adonisjs/i18n/services/main'
import { InvalidRequestException } from '#exceptions/invalid_request_exception'
import { LOCALE_COOKIE } from '#middleware/detect_user_locale_middleware'

/**
 * An Inertia form keeps what the user typed in the page, so its input is never flashed back
 * through the session: in the cookie store a long text would push the cookie past the browser's
 * 4 KB limit, the browser would drop it, and the errors would vanish with it.
 */
function forgetFlashedInput(ctx: HttpContext) {
  if (ctx.request.header('x-inertia') && ctx.session)
    ctx.session.responseFlashMessages.unset('input')
}

/**
 * A body the parser could not read: bad JSON, or JSON nested so deep that parsing it ran out of
 * stack (the body parser attaches the raw body and status 400 to those), or a non-object JSON.
 */
function isUnreadableBody(error: any): boolean {
  if (error instanceof InvalidRequestException) return true
  if ((error instanceof SyntaxError || error instanceof RangeError) && 'body' in error) return true
  return error?.status === 422 && error?.message === 'Invalid JSON, only supports object and array'
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

  /**
   * A translated 400 with nothing of the parser's text. It can happen before the locale and
   * session middleware ran, so the language comes from the cookie or Accept-Language here.
   */
  #invalidRequest(ctx: HttpContext, wantsJson: boolean) {
    const wanted = [ctx.request.cookie(LOCALE_COOKIE), ...ctx.request.languages()].filter(Boolean)
    const i18n =
      ctx.i18n ??
      i18nManager.locale(i18nManager.getSupportedLocaleFor(wanted) ?? i18nManager.defaultLocale)
    const message = i18n.t('errors.invalid_request')
    ctx.response.status(400)
    if (wantsJson) return ctx.response.json({ message })
    ctx.response.header('Content-Type', 'text/plain; charset=utf-8')
    return ctx.response.send(message)
  }

  async handle(error: any, ctx: HttpContext) {
    // A throttled form post goes back to the form with the translated message.
    const wantsJson = ctx.request.accepts(['html', 'json']) === 'json'
    if (isUnreadableBody(error)) return this.#invalidRequest(ctx, wantsJson)
    if (
      error instanceof limiterErrors.E_TOO_MANY_REQUESTS &&
      !wantsJson &&
      ctx.request.method() !== 'GET' &&
      ctx.session
    ) {
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
