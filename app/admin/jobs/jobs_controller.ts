import type { HttpContext } from '@adonisjs/core/http'
import { jobFiltersValidator } from '#app/admin/jobs/validators'
import { listJobs, type JobsView } from '#app/admin/jobs/list_jobs'
import { JobNotFailedError, discardJob, retryJob } from '#app/admin/jobs/change_job'

/**
 * A job's name in the reader's language: kernel jobs under `admin.jobs.names.<name>`, a
 * module's under `<module>.jobs.<job>` in its own lang files; the technical name otherwise.
 */
function jobLabel(ctx: HttpContext, name: string): string {
  const dot = name.indexOf('.')
  const key =
    name.startsWith('kernel.') || dot < 0
      ? `admin.jobs.names.${name}`
      : `${name.slice(0, dot)}.jobs.${name.slice(dot + 1)}`
  return ctx.i18n.hasMessage(key) ? ctx.i18n.t(key) : name
}

/** Administración › Trabajos: background jobs, their state and errors; retry or discard. */
/** The administrator's organization; system jobs only for the deployment's host. */
const viewOf = (ctx: HttpContext): JobsView => ({
  organizationId: ctx.organization.id,
  host: ctx.organization.managesLicence,
})

export default class JobsController {
  async index(ctx: HttpContext) {
    // A bad filter in the address bar shows every job rather than an error.
    const [, parsed] = await jobFiltersValidator.tryValidate(ctx.request.qs())
    const filters = parsed ?? {}
    const page = await listJobs(viewOf(ctx), filters)
    return ctx.inertia.render('admin/jobs/index', {
      jobs: page.rows.map((job) => ({ ...job, label: jobLabel(ctx, job.name) })),
      next: page.next,
      prev: page.prev,
      offset: page.offset,
      count: page.count,
      filters: {
        state: filters.state ?? null,
        cursor: filters.cursor ?? null,
        before: filters.before ?? null,
      },
    })
  }

  async retry(ctx: HttpContext) {
    return this.#change(ctx, retryJob, 'admin.jobs.retried')
  }

  async discard(ctx: HttpContext) {
    return this.#change(ctx, discardJob, 'admin.jobs.discarded')
  }

  async #change(
    ctx: HttpContext,
    action: (params: JobsView & { id: number }) => Promise<void>,
    message: string
  ) {
    try {
      await action({ ...viewOf(ctx), id: Number(ctx.params.id) })
      ctx.session.flash('success', ctx.i18n.t(message))
    } catch (error) {
      if (!(error instanceof JobNotFailedError)) throw error
      ctx.session.flash('error', ctx.i18n.t('admin.jobs.not_failed'))
    }
    return ctx.response.redirect().back()
  }
}
