import type { HttpContext } from '@adonisjs/core/http'
import { RuleError } from '#app/support/rule_error'
import { translateRule } from '#app/support/http'

/**
 * Runs a JSON write; a business rule's refusal answers 422 `{ errors: [{ field, message }] }`
 * (the shape VineJS errors take for JSON requests), translated for the reader.
 */
export async function jsonWrite<T>(ctx: HttpContext, work: () => Promise<T>) {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof RuleError)) throw error
    return ctx.response.status(422).send({
      errors: [
        { field: error.field ?? null, message: translateRule(ctx, error.key, error.values) },
      ],
    })
  }
}
