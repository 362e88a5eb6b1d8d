import type { AccessContext } from '#app/access/access_context'
import { cappedCount, keysetPage, type CappedCount } from '#app/support/keyset'
import { toIso } from '#app/support/dates'
import { LIKE_ESCAPE, likePattern } from '#app/support/like'
import { normalizeName } from '#app/support/normalize'
import { visibleEntries } from './visible_entries.js'

export interface BinFilters {
  q?: string
  resource?: string
  cursor?: string
  before?: string
  exact?: boolean
}

/** One entry of the Papelera. */
export interface BinRow {
  id: number
  resource: string
  recordId: number
  title: string
  deletedAt: string
  deletedByName: string | null
  /** The nightly purge removes it from this day on. */
  purgeAt: string
  /** The user may restore it (`delete` permission and scope). */
  canRestore: boolean
}

const PAGE_SIZE = 25
const DAY = 24 * 60 * 60 * 1000

/** The Papelera's page: newest first (keyset on id), by resource and title, capped count. */
export async function listBin(
  access: AccessContext,
  params: { filters: BinFilters; enabled?: ReadonlySet<string>; retentionDays: number }
) {
  const { filters, enabled } = params
  const filtered = async (action: 'view' | 'delete' = 'view') => {
    const { query } = await visibleEntries(access, action, enabled)
    if (filters.resource) query.where('b.resource', filters.resource)
    const q = filters.q ? normalizeName(filters.q, 100) : ''
    if (q) query.whereRaw(`b.title_normalized LIKE ? ${LIKE_ESCAPE}`, [likePattern(q)])
    // In an object: a query builder is thenable, an async function would run it.
    return { query }
  }
  const { query } = await filtered()
  query
    .leftJoin('users as u', 'u.id', 'b.deleted_by')
    .select('b.id', 'b.resource', 'b.record_id', 'b.title', 'b.deleted_at', 'u.full_name')
  const [page, count] = await Promise.all([
    keysetPage<any>(
      query,
      {
        column: 'b.id',
        idColumn: 'b.id',
        direction: 'desc',
        limit: PAGE_SIZE,
        cursor: filters.cursor,
        before: filters.before,
      },
      (r) => Number(r.id)
    ),
    filtered().then(({ query: q }) => cappedCount(q, { exact: filters.exact })),
  ])
  const ids = page.rows.map((r) => Number(r.id))
  const restorable = new Set(
    ids.length
      ? (await (await filtered('delete')).query.whereIn('b.id', ids).select('b.id')).map(
          (r: { id: number }) => Number(r.id)
        )
      : []
  )
  const rows: BinRow[] = page.rows.map((r) => {
    const deletedAt = toIso(r.deleted_at)
    return {
      id: Number(r.id),
      resource: r.resource,
      recordId: Number(r.record_id),
      title: r.title,
      deletedAt,
      deletedByName: r.full_name ?? null,
      purgeAt: new Date(new Date(deletedAt).getTime() + params.retentionDays * DAY).toISOString(),
      canRestore: restorable.has(Number(r.id)),
    }
  })
  const { next, prev, offset } = page
  return { rows, next, prev, offset, count: count as CappedCount }
}
