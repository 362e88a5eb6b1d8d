import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import { installer } from '#app/registry/services'
import { flashFieldErrors, translateRule } from '#app/support/http'
import { ImportFileError } from '#app/import/errors'
import { claimRun, importDefinition, runOf, updateRun, type ImportRun } from '#app/import/runs'
import { reinspect, startImport } from '#app/import/start'
import { rememberMapping } from '#app/import/mapping'
import { runImportStep } from '#app/import/runner'
import { DELIMITERS, ENCODINGS } from '#app/import/read'
import { history, previewLines, resourceLabel, runDto, samples } from '#app/import/pages'
import {
  importLinesValidator,
  importMappingValidator,
  importOptionsValidator,
  importUploadValidator,
} from '#validators/imports'

const BUSY = ['previewing', 'committing', 'rolling_back']

function notFound(): never {
  throw new Exception('Not found', { status: 404, code: 'E_ROW_NOT_FOUND' })
}

/**
 * The resource's import, when it declares one, its module is enabled for the organization and
 * the user may create its records (updates are checked per line against the edit scope).
 */
async function guard(ctx: HttpContext, resource: string) {
  const def = (await importDefinition(resource, ctx.organization.id)) ?? notFound()
  const enabled = await (await installer()).enabled(ctx.organization.id)
  if (!enabled.has(resource.split('.')[0])) notFound()
  ctx.access.authorize(`${resource}.create`)
  return def
}

async function guardRun(
  ctx: HttpContext
): Promise<{ run: ImportRun; def: Awaited<ReturnType<typeof guard>> }> {
  const run = (await runOf(ctx.organization.id, Number(ctx.params.id))) ?? notFound()
  // An import shows the values of the records it matched, within its author's scope: only its
  // author and administrators open it.
  if (run.userId !== ctx.access.userId && !ctx.access.isAdmin) notFound()
  return { run, def: await guard(ctx, run.resource) }
}

const t = (ctx: HttpContext) => (key: string, values?: Record<string, unknown>) =>
  translateRule(ctx, key, values ?? {})

/** Thin: guard → validate → one pipeline call → redirect or a DTO for the page. */
export default class ImportsController {
  async index(ctx: HttpContext) {
    const resource = ctx.params.resource as string
    await guard(ctx, resource)
    return ctx.inertia.render('imports/index', {
      resource,
      resourceLabel: await resourceLabel(resource),
      runs: await history(ctx.organization.id, resource, t(ctx), {
        userId: ctx.access.isAdmin ? null : ctx.access.userId,
      }),
      encodings: [...ENCODINGS],
      delimiters: [...DELIMITERS],
    })
  }

  async store(ctx: HttpContext) {
    const resource = ctx.params.resource as string
    await guard(ctx, resource)
    const { file, encoding, delimiter } = await ctx.request.validateUsing(importUploadValidator)
    try {
      const run = await startImport({
        organizationId: ctx.organization.id,
        userId: ctx.auth.getUserOrFail().id,
        resource,
        path: file.tmpPath!,
        fileName: file.clientName,
        override: { encoding, delimiter },
      })
      return ctx.response.redirect().toRoute('imports.show', { id: run.id })
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error
      flashFieldErrors(ctx, { file: t(ctx)(error.key, error.values) })
      return ctx.response.redirect().back()
    }
  }

  async show(ctx: HttpContext) {
    const { run, def } = await guardRun(ctx)
    const [, filter] = await importLinesValidator.tryValidate(ctx.request.qs())
    const tr = t(ctx)
    const previewed = [
      'previewed',
      'committing',
      'committed',
      'rolling_back',
      'rolled_back',
    ].includes(run.status)
    return ctx.inertia.render('imports/show', {
      run: runDto(run, tr),
      resourceLabel: await resourceLabel(run.resource),
      fields: def.fields.map((f) => ({ key: f.key, label: f.text ?? tr(f.label) })),
      samples:
        run.status === 'uploaded' || run.status === 'failed'
          ? await samples(run).catch(() => [])
          : [],
      preview: previewed ? await previewLines(run, def, tr, ctx.i18n.locale, filter ?? {}) : null,
      filter: { outcome: filter?.outcome ?? '' },
      encodings: [...ENCODINGS],
      delimiters: [...DELIMITERS],
    })
  }

  /** Polled by the page while a step runs: survives reloads (the state is the run's row). */
  async status(ctx: HttpContext) {
    const { run } = await guardRun(ctx)
    const dto = runDto(run, t(ctx))
    return {
      status: dto.status,
      rowsDone: dto.rowsDone,
      rowsTotal: dto.rowsTotal,
      totals: dto.totals,
      error: dto.error,
    }
  }

  async options(ctx: HttpContext) {
    const { run } = await guardRun(ctx)
    if (BUSY.includes(run.status) || run.committedAt || run.prunedAt) return busy(ctx)
    const options = await ctx.request.validateUsing(importOptionsValidator)
    try {
      await reinspect(run.id, options)
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error
      ctx.session.flash('error', t(ctx)(error.key, error.values))
    }
    return ctx.response.redirect().toRoute('imports.show', { id: run.id })
  }

  async mapping(ctx: HttpContext) {
    const { run, def } = await guardRun(ctx)
    if (BUSY.includes(run.status) || run.committedAt || run.committedLine || run.prunedAt)
      return busy(ctx)
    const { mapping } = await ctx.request.validateUsing(importMappingValidator)
    const known = new Set(def.fields.map((f) => f.key))
    const used = new Set<string>()
    const clean = run.headers.map((_, i) => {
      const field = mapping[i] || null
      if (!field || !known.has(field) || used.has(field)) return null
      used.add(field)
      return field
    })
    await updateRun(run.id, { mapping: clean, status: 'previewing', rows_done: 0, error: null })
    await rememberMapping(run.organizationId, run.resource, run.headers, clean)
    await runImportStep('preview', run)
    return ctx.response.redirect().toRoute('imports.show', { id: run.id })
  }

  async commit(ctx: HttpContext) {
    const { run } = await guardRun(ctx)
    const ready =
      run.status === 'previewed' ||
      (run.status === 'failed' && run.rowsTotal > 0 && !run.committedAt && !run.prunedAt)
    if (!ready || !(await claimRun(run.id, ['previewed', 'failed'], 'committing'))) return busy(ctx)
    await runImportStep('commit', run)
    ctx.session.flash('success', ctx.i18n.t('import.started'))
    return ctx.response.redirect().toRoute('imports.show', { id: run.id })
  }

  async rollback(ctx: HttpContext) {
    const { run } = await guardRun(ctx)
    // Undoing removes the records the import created: it needs the right to delete them too.
    ctx.access.authorize(`${run.resource}.edit`)
    ctx.access.authorize(`${run.resource}.delete`)
    const ready =
      run.status === 'committed' ||
      (run.status === 'failed' && (!!run.committedAt || run.committedLine > 0))
    if (!ready || !(await claimRun(run.id, ['committed', 'failed'], 'rolling_back')))
      return busy(ctx)
    await runImportStep('rollback', run)
    ctx.session.flash('success', ctx.i18n.t('import.rollback_started'))
    return ctx.response.redirect().toRoute('imports.show', { id: run.id })
  }
}

function busy(ctx: HttpContext) {
  ctx.session.flash('error', ctx.i18n.t('import.errors.busy'))
  return ctx.response.redirect().back()
}
