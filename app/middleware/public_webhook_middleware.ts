import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { PublicRefusalException } from '#exceptions/public_refusal_exception'
import { WEBHOOK_HEADER, checkWebhook } from '#app/public/webhook_secrets'

/**
 * `webhook(name)`: the raw body must be signed with the organization's secret for this module's
 * hook (X-Cartera-Signature), recently and once. This guard is what exempts a public POST from
 * the CSRF check (tests/functional/kernel/csrf_routes.spec.ts).
 */
export default class PublicWebhookMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { module: string; name: string }) {
    const check = await checkWebhook(
      { organizationId: ctx.organization.id, module: options.module, name: options.name },
      ctx.request.header(WEBHOOK_HEADER),
      ctx.request.raw() ?? ''
    )
    if (check !== 'valid') {
      ctx.logger.warn({ module: options.module, hook: options.name, check }, 'webhook refused')
      throw new PublicRefusalException('webhook_refused')
    }
    return next()
  }
}
