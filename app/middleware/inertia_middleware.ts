import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import BaseInertiaMiddleware from '@adonisjs/inertia/inertia_middleware'
import { emptyShell, shellProps } from '#app/ui/shell_props'

/**
 * Props every Inertia page receives. A page may render before the session or auth middleware
 * ran (a 404 of an unknown URL), so every part of the context is optional here.
 */
export default class InertiaMiddleware extends BaseInertiaMiddleware {
  async share(ctx: HttpContext) {
    const { session, i18n } = ctx as Partial<HttpContext>
    // Right after a sign-out the browser's page history goes (app/access/user_sessions.ts).
    if (session?.flashMessages.get('clear_history')) ctx.inertia.clearHistory()
    // A failure here must not take the error pages down with it: log it and render signed out.
    const shell = await shellProps(ctx).catch((error) => {
      ctx.logger.error({ err: error }, 'cannot build the page shell')
      return emptyShell()
    })
    return {
      errors: ctx.inertia.always({ ...this.getValidationErrors(ctx), ...frameworkErrors(ctx) }),
      locale: ctx.inertia.always(i18n?.locale ?? 'es'),
      shell: ctx.inertia.always(shell),
      flash: ctx.inertia.always({
        success: (session?.flashMessages.get('success') as string | undefined) ?? null,
        error: (session?.flashMessages.get('error') as string | undefined) ?? null,
      }),
    }
  }

  async handle(ctx: HttpContext, next: NextFn) {
    await this.init(ctx)
    const output = await next()
    this.dispose(ctx)
    return output
  }
}

/**
 * Errors the framework flashes outside the form bag (E_BAD_CSRF_TOKEN, E_TOO_MANY_REQUESTS…):
 * the layout shows them as notifications.
 */
function frameworkErrors(ctx: HttpContext): Record<string, string> {
  const bag = (ctx.session?.flashMessages.get('errorsBag', {}) ?? {}) as Record<
    string,
    string | string[]
  >
  return Object.fromEntries(
    Object.entries(bag)
      // E_VALIDATION_ERROR only says "see the fields": the fields and the form's summary say it.
      .filter(([key]) => key.startsWith('E_') && key !== 'E_VALIDATION_ERROR')
      .map(([key, message]) => [key, Array.isArray(message) ? message[0] : message])
  )
}

declare module '@adonisjs/inertia/types' {
  type MiddlewareSharedProps = InferSharedProps<InertiaMiddleware>
  export interface SharedProps extends MiddlewareSharedProps {}
  /**
   * Pages live in resources/js/pages (kernel) and modules/<name>/pages (modules); their props
   * are typed on the page side by each module's `dto/` types.
   */
  export interface InertiaPages {
    [page: string]: Record<string, any>
  }
}
