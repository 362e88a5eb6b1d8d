import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'
import { ValidationMessages } from '#app/support/validation_messages'

export const LOCALE_COOKIE = 'cartera_locale'

/**
 * Picks the request's language: the signed-in user's setting, else the language cookie set
 * by the switcher, else Accept-Language, else Spanish.
 */
export default class DetectUserLocaleMiddleware {
  static {
    // Messages of the route's module first (route names start with the module: crm.companies.store).
    RequestValidator.messagesProvider = (ctx) =>
      new ValidationMessages(
        ctx.i18n,
        ctx.route?.name?.includes('.') ? ctx.route.name.split('.')[0] : undefined
      )
  }

  async handle(ctx: HttpContext, next: NextFn) {
    await ctx.auth.check()
    const wanted = [
      ctx.auth.user?.locale,
      ctx.request.cookie(LOCALE_COOKIE),
      ...ctx.request.languages(),
    ].filter((l): l is string => typeof l === 'string' && l.length > 0)
    const language = i18nManager.getSupportedLocaleFor(wanted) ?? i18nManager.defaultLocale
    ctx.i18n = i18nManager.locale(language)
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
