import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import { installer } from '#app/registry/services'
import { moduleRegistry } from '#app/registry/main'
import { ForbiddenException } from '#exceptions/forbidden_exception'
import { binFiltersValidator, binRetentionValidator, cleanupValidator } from '#validators/bin'
import { listBin } from '#app/bin/list_bin'
import { BinEntryNotFound, purgeEntry, restoreEntry } from '#app/bin/bin'
import { binResourcesFor } from '#app/bin/visible_entries'
import { cleanupDays, retentionDays, setCleanupDays, setRetentionDays } from '#app/bin/retention'

const notFound = (): never => {
  throw new Exception('Not found', { status: 404, code: 'E_ROW_NOT_FOUND' })
}

/**
 * Papelera: what the user deleted and may see again (records of resources that accept the
 * bin, in the user's scope), restore, and — administrators — purge and the retention.
 */
export default class BinController {
  async index(ctx: HttpContext) {
    const enabled = await this.#enabled(ctx)
    const resources = binResourcesFor(ctx.access, enabled)
    if (!resources.length && !ctx.access.isAdmin) throw new ForbiddenException('bin')
    const [, parsed] = await binFiltersValidator.tryValidate(ctx.request.qs())
    const filters = parsed ?? {}
    const days = await retentionDays(ctx.organization.id)
    const page = await listBin(ctx.access, { filters, enabled, retentionDays: days })
    const labels = await resourceLabels()
    return ctx.inertia.render('bin/index', {
      entries: page.rows.map((r) => ({
        ...r,
        resourceLabel: labels.get(r.resource) ?? r.resource,
      })),
      next: page.next,
      prev: page.prev,
      offset: page.offset,
      count: page.count,
      resources: resources.map((key) => ({ value: key, label: labels.get(key) ?? key })),
      filters: {
        q: filters.q ?? '',
        resource: filters.resource ?? '',
        cursor: filters.cursor ?? null,
        before: filters.before ?? null,
      },
      retentionDays: days,
      canPurge: ctx.access.isAdmin,
      // How long read notifications and finished imports are kept: set here, beside the bin's.
      cleanup: ctx.access.isAdmin ? await cleanupDays(ctx.organization.id) : null,
    })
  }

  async restore(ctx: HttpContext) {
    try {
      const result = await restoreEntry({
        access: ctx.access,
        actorId: ctx.auth.getUserOrFail().id,
        entryId: Number(ctx.params.id),
        enabled: await this.#enabled(ctx),
      })
      const key = result.unlinked ? 'bin.restored_unlinked' : 'bin.restored'
      ctx.session.flash('success', ctx.i18n.t(key, { name: result.title, count: result.unlinked }))
    } catch (error) {
      if (error instanceof BinEntryNotFound) notFound()
      throw error
    }
    return ctx.response.redirect().back()
  }

  async purge(ctx: HttpContext) {
    if (!ctx.access.isAdmin) throw new ForbiddenException('bin.purge')
    try {
      const { title } = await purgeEntry({
        organizationId: ctx.organization.id,
        actorId: ctx.auth.getUserOrFail().id,
        entryId: Number(ctx.params.id),
      })
      ctx.session.flash('success', ctx.i18n.t('bin.purged', { name: title }))
    } catch (error) {
      if (error instanceof BinEntryNotFound) notFound()
      throw error
    }
    return ctx.response.redirect().back()
  }

  async retention(ctx: HttpContext) {
    if (!ctx.access.isAdmin) throw new ForbiddenException('bin.retention')
    const { days } = await ctx.request.validateUsing(binRetentionValidator)
    await setRetentionDays({
      organizationId: ctx.organization.id,
      actorId: ctx.auth.getUserOrFail().id,
      days,
    })
    ctx.session.flash('success', ctx.i18n.t('bin.retention_saved', { days }))
    return ctx.response.redirect().back()
  }

  async cleanup(ctx: HttpContext) {
    if (!ctx.access.isAdmin) throw new ForbiddenException('bin.cleanup')
    const days = await ctx.request.validateUsing(cleanupValidator)
    await setCleanupDays({
      organizationId: ctx.organization.id,
      actorId: ctx.auth.getUserOrFail().id,
      ...days,
    })
    ctx.session.flash('success', ctx.i18n.t('bin.cleanup.saved'))
    return ctx.response.redirect().back()
  }

  async #enabled(ctx: HttpContext) {
    return ctx.enabledModules ?? (await (await installer()).enabled(ctx.organization.id))
  }
}

/**
 * Resource key → i18n key naming one of its records ("Empresa"): the label of the bin's
 * subject type when the manifest declares it, else the resource's own label.
 */
async function resourceLabels(): Promise<Map<string, string>> {
  const registry = await moduleRegistry()
  const subjects = new Map(
    registry.modules.flatMap(({ manifest }) =>
      (manifest.subjects ?? []).map((s) => [s.type, s.label])
    )
  )
  return new Map(
    registry.resources().map((r) => [r.key, (r.bin && subjects.get(r.bin.subject)) || r.label])
  )
}
