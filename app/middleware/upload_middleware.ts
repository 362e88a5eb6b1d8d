import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { flashFieldErrors } from '#app/support/http'
import { cleanInput } from '#app/support/clean_input'

/**
 * Multipart bodies are not parsed globally (config/bodyparser.ts: `autoProcess: false`): a route
 * that takes files uses this middleware after `auth`/`access`, with its own size limit for the
 * files, e.g. `middleware.upload({ limit: '64kb' })`. Files stream to the OS temporary folder and
 * are deleted when the request ends, whatever happened. Over the limit, the upload stops and the
 * form gets a translated error on the file field.
 */
export default class UploadMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { limit: string }) {
    const multipart = ctx.request.multipart
    if (!multipart || multipart.state !== 'idle' || !ctx.request.is(['multipart/form-data']))
      return next()
    const tmpPaths: string[] = []
    const current = { field: null as string | null }
    multipart.onFile('*', { deferValidations: true }, async (part, reporter) => {
      current.field = part.name ?? null
      const tmpPath = join(tmpdir(), `cartera-upload-${randomUUID()}`)
      tmpPaths.push(tmpPath)
      part.pause()
      part.on('data', reporter)
      await pipeline(part, createWriteStream(tmpPath))
      return { tmpPath }
    })
    try {
      try {
        await multipart.process({ limit: options.limit })
      } catch (error) {
        if ((error as { code?: string })?.code !== 'E_REQUEST_ENTITY_TOO_LARGE') throw error
        // The text fields overflowed (config/bodyparser.ts fieldsLimit), not a file.
        if (/^Fields/.test((error as Error).message)) return tooMuchText(ctx)
        return tooLarge(ctx, current.field, options.limit)
      }
      // The multipart fields replaced the body the input hygiene had cleaned: clean them too.
      ctx.request.updateBody(cleanInput(ctx.request.body()))
      return await next()
    } finally {
      await Promise.all(tmpPaths.map((path) => rm(path, { force: true })))
    }
  }
}

function tooMuchText(ctx: HttpContext) {
  const message = ctx.i18n.t('errors.E_FIELDS_TOO_LARGE')
  if (ctx.request.accepts(['html', 'json']) === 'json')
    return ctx.response.status(413).send({ errors: [{ message }] })
  ctx.session.flashErrors({ E_FIELDS_TOO_LARGE: message })
  return ctx.response.redirect().back()
}

function tooLarge(ctx: HttpContext, field: string | null, limit: string) {
  const shown = limit.replace(/^(\d+)\s*([a-z]+)$/i, '$1 $2').toUpperCase() // '64kb' → '64 KB'
  const message = ctx.i18n.t('errors.E_REQUEST_ENTITY_TOO_LARGE', { limit: shown })
  if (ctx.request.accepts(['html', 'json']) === 'json')
    return ctx.response.status(413).send({ errors: [{ message }] })
  if (field) flashFieldErrors(ctx, { [field]: message })
  else ctx.session.flashErrors({ E_REQUEST_ENTITY_TOO_LARGE: message })
  return ctx.response.redirect().back()
}
