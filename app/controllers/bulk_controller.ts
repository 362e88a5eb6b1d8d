import type { HttpContext } from '@adonisjs/core/http'
import { readBulkRun } from '#app/bulk/engine'
import { notFound } from '#app/support/http'

/** A bulk action run as a job, as the list's bar polls it: the user's own runs only. */
export default class BulkController {
  async show(ctx: HttpContext) {
    const run = await readBulkRun(
      ctx.organization.id,
      ctx.auth.getUserOrFail().id,
      Number(ctx.params.id)
    )
    return run ?? notFound()
  }
}
