import db from '@adonisjs/lucid/services/db'
import { cappedCount, keysetPage, type CappedCount } from '#app/support/keyset'
import { toIso } from '#app/support/dates'
import type { JobFilters } from '#app/admin/jobs/validators'
import type { RunState } from '#app/jobs/runs'

export interface JobRunRow {
  id: number
  name: string
  queue: string
  state: RunState
  attempts: number
  maxAttempts: number
  error: string | null
  createdAt: string
  runAt: string | null
  startedAt: string | null
  finishedAt: string | null
  /** A job of no organization (kernel maintenance). */
  system: boolean
}

const PAGE_SIZE = 50

/** Whose jobs an administrator sees: their organization's, and the system's for the host's. */
export interface JobsView {
  organizationId: number
  /** The host organization (it manages the deployment) also sees the system's own jobs. */
  host: boolean
}

/**
 * The jobs an administrator sees: those of their organization (payload `organizationId`) and,
 * for the host organization only, the system's own (none: they run for every organization and
 * their errors may name any of them), newest first, keyset on id; optionally one state only.
 */
export function jobsOf({ organizationId, host }: JobsView) {
  return db.from('kernel_job_runs as j').where((q) => {
    q.where('j.organization_id', organizationId)
    if (host) q.orWhereNull('j.organization_id')
  })
}

export async function listJobs(view: JobsView, filters: JobFilters) {
  const filtered = () => {
    const query = jobsOf(view)
    if (filters.state) query.where('j.status', filters.state)
    return query
  }
  const query = filtered().select(
    'j.id',
    'j.name',
    'j.queue',
    'j.status',
    'j.attempts',
    'j.max_attempts',
    'j.error',
    'j.organization_id',
    'j.created_at',
    'j.run_at',
    'j.started_at',
    'j.finished_at'
  )
  const [page, count] = await Promise.all([
    keysetPage<any>(
      query,
      {
        column: 'j.id',
        idColumn: 'j.id',
        direction: 'desc',
        limit: PAGE_SIZE,
        cursor: filters.cursor,
        before: filters.before,
      },
      (r) => Number(r.id)
    ),
    cappedCount(filtered(), { exact: filters.exact }),
  ])
  const iso = (value: unknown) => (value ? toIso(value) : null)
  const rows: JobRunRow[] = page.rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    queue: r.queue,
    state: r.status,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    error: r.error ?? null,
    createdAt: toIso(r.created_at),
    runAt: iso(r.run_at),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    system: r.organization_id === null,
  }))
  const { next, prev, offset } = page
  return { rows, next, prev, offset, count: count as CappedCount }
}
