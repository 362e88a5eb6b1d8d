import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { cappedCount, keysetPage, type CappedCount } from '#app/support/keyset'
import { dbTimestamp, toIso } from '#app/support/dates'
import type { AuditFilters } from '#app/admin/audit/validators'
import { subjectLabels } from './subject_labels.js'

export interface AuditRow {
  id: number
  createdAt: string
  actorName: string | null
  subjectType: string
  subjectId: number
  /** Name of the subject when it still exists; `labelIsKey` when it is an i18n key (modules). */
  subjectLabel: string | null
  labelIsKey: boolean
  action: string
  field: string | null
  oldValue: string | null
  newValue: string | null
  /** For an entry about a list (subject id 0, e.g. an export): how many rows it had, when recorded. */
  rowCount: number | null
}

const PAGE_SIZE = 50
const VALUE_CHARS = 300

/**
 * The organization's audit log, newest first (keyset on id). Dates of the range are whole
 * days in the administrator's time zone. The count is capped: the table only grows.
 */
export async function listAudit(organizationId: number, filters: AuditFilters, timeZone: string) {
  const filtered = () => {
    const query = db.from('audit_logs as a').where('a.organization_id', organizationId)
    if (filters.actorId) query.where('a.actor_id', filters.actorId)
    if (filters.subjectType) query.where('a.subject_type', filters.subjectType)
    if (filters.subjectId) query.where('a.subject_id', filters.subjectId)
    if (filters.action) query.where('a.action', filters.action)
    const from = dayStart(filters.from, timeZone)
    const to = dayStart(filters.to, timeZone, 1)
    if (from) query.where('a.created_at', '>=', from)
    if (to) query.where('a.created_at', '<', to)
    return query
  }
  const query = filtered()
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(
      'a.id',
      'a.created_at',
      'a.subject_type',
      'a.subject_id',
      'a.action',
      'a.field',
      'a.old_value',
      'a.new_value',
      'a.actor_id'
    )
    .select('u.full_name as actor_name')
  const [page, count] = await Promise.all([
    keysetPage<any>(
      query,
      {
        column: 'a.id',
        idColumn: 'a.id',
        direction: 'desc',
        limit: PAGE_SIZE,
        cursor: filters.cursor,
        before: filters.before,
      },
      (r) => Number(r.id)
    ),
    cappedCount(filtered(), { exact: filters.exact }),
  ])
  const labels = await subjectLabels(
    organizationId,
    page.rows.map((r) => ({ type: r.subject_type, id: Number(r.subject_id) }))
  )
  const counts = await listRowCounts(organizationId, page.rows)
  const rows: AuditRow[] = page.rows.map((r) => {
    const label = labels.get(`${r.subject_type}:${Number(r.subject_id)}`)
    return {
      id: Number(r.id),
      createdAt: toIso(r.created_at),
      actorName: r.actor_name ?? null,
      subjectType: r.subject_type,
      subjectId: Number(r.subject_id),
      subjectLabel: label?.text ?? null,
      labelIsKey: label?.isKey ?? false,
      action: r.action,
      field: r.field ?? null,
      oldValue: clip(r.old_value),
      newValue: clip(r.new_value),
      rowCount: Number(r.subject_id) === 0 ? (counts.get(listKey(r)) ?? null) : null,
    }
  })
  const { next, prev, offset } = page
  return { rows, next, prev, offset, count: count as CappedCount }
}

const listKey = (r: any) =>
  `${r.subject_type}|${r.action}|${r.actor_id ?? ''}|${toIso(r.created_at)}`

/**
 * An entry about a list (subject id 0: an export) records its size as a `rows` field next to
 * its other fields, written in the same statement (same time, actor, type and action). The
 * page may hold only some of those rows, so the sizes are looked up.
 */
async function listRowCounts(organizationId: number, rows: any[]): Promise<Map<string, number>> {
  const lists = rows.filter((r) => Number(r.subject_id) === 0)
  const counts = new Map<string, number>()
  if (!lists.length) return counts
  const found = await db
    .from('audit_logs')
    .where('organization_id', organizationId)
    .where('subject_id', 0)
    .where('field', 'rows')
    .whereIn('subject_type', [...new Set(lists.map((r) => r.subject_type))])
    .whereIn('created_at', [...new Set(lists.map((r) => r.created_at))])
    .select('subject_type', 'action', 'actor_id', 'created_at', 'new_value')
  for (const r of found)
    if (Number.isFinite(Number(r.new_value))) counts.set(listKey(r), Number(r.new_value))
  return counts
}

/** Start of `day` (+ `plusDays`) in `zone`, as a UTC database timestamp. */
function dayStart(day: string | undefined, zone: string, plusDays = 0): string | null {
  if (!day) return null
  const start = DateTime.fromISO(day, { zone }).startOf('day').plus({ days: plusDays })
  return start.isValid ? dbTimestamp(start.toUTC().toJSDate()) : null
}

function clip(value: string | null): string | null {
  if (value === null || value === undefined) return null
  return value.length > VALUE_CHARS ? `${value.slice(0, VALUE_CHARS)}…` : value
}
