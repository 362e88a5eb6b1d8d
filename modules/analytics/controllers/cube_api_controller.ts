import type { HttpContext } from '@adonisjs/core/http'
import { load, meta, sql } from '../engine/gateway.js'
import { CubeRequestError } from '../engine/errors.js'
import { cubeProxy, proxyToCube } from '../engine/proxy.js'
import { localizeAnswer } from '../engine/titles.js'

/** Cube's REST API (/analytics/cubejs-api/v1/*) for the signed-in user, in their scope. */
export default class CubeApiController {
  /** GET ?query=…&queryType=multi, or POST { query, queryType }. */
  async load(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    if (cubeProxy()) return proxy(ctx, 'load')
    const input = ctx.request.input('query')
    return answer(ctx, () =>
      load(ctx.access, input, {
        queryType: ctx.request.input('queryType'),
        cache: ctx.request.input('cache'),
        i18n: ctx.i18n,
      })
    )
  }

  async meta(ctx: HttpContext) {
    ctx.access.authorize('analytics.view')
    if (cubeProxy()) return proxy(ctx, 'meta')
    return meta(ctx.i18n)
  }

  /** Administrators only: the SQL reveals the whole model's tables. */
  async sql(ctx: HttpContext) {
    if (!ctx.access.isAdmin)
      return ctx.response.forbidden({ error: ctx.i18n.t('analytics.errors.forbidden') })
    if (cubeProxy()) return proxy(ctx, 'sql')
    return answer(ctx, () => sql(ctx.access, ctx.request.input('query')))
  }
}

/** A bad query answers 400 `{ error }` (Cube's shape), translated; a slow one "Continue wait". */
async function answer(ctx: HttpContext, run: () => Promise<unknown>) {
  try {
    return await run()
  } catch (error) {
    if (error instanceof CubeRequestError)
      return ctx.response.badRequest({
        error: ctx.i18n.t(`analytics.errors.${error.key}`, error.values),
      })
    if ((error as Error)?.constructor?.name === 'ContinueWaitError')
      return { error: 'Continue wait' }
    throw error
  }
}

/**
 * Stock-Cube mode (CUBE_API_URL): the request goes to that server with the user's context; its
 * titles come back in the user's language, as the embedded gateway gives them.
 */
async function proxy(ctx: HttpContext, endpoint: string) {
  const { status, body } = await proxyToCube(cubeProxy()!, ctx.access, {
    endpoint,
    method: ctx.request.method(),
    query: ctx.request.parsedUrl.query ?? '',
    body: ctx.request.method() === 'GET' ? undefined : ctx.request.body(),
  })
  const localized = status === 200 ? localizeAnswer(endpoint, body, ctx.i18n) : body
  return ctx.response.status(status).send(localized)
}
