import { DateTime } from 'luxon'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp, toDate } from '#app/support/dates'
import { activityQuery, ACTIVITIES, toActivityDtos } from './rows.js'
import type { ActivityDto } from '../dto/activities.js'

export const PAGE_SIZE = 50

export interface ListParams {
  type?: number
  status?: 'open' | 'done' | 'cancelled' | 'all'
  period?: 'overdue' | 'today' | 'week' | 'future' | 'all'
  assignee?: string
  cursor?: string
}

/** `<due_at>|<id>` of the last row, base64url: the next page starts after it. */
const encode = (dueAt: string, id: number) => Buffer.from(`${dueAt}|${id}`).toString('base64url')

function decode(cursor: string | undefined): { dueAt: string; id: number } | null {
  if (!cursor) return null
  const [dueAt, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(dueAt ?? '') || !/^\d+$/.test(id ?? '')) return null
  return { dueAt, id: Number(id) }
}

/**
 * "Mis actividades": the reader's activities (or a teammate's, or everyone's in her scope) by
 * due date then id, keyset-paged on the (organization, assignee, status, due_at, id) index;
 * periods are days of the reader's time zone. Never counts: a rep may have thousands.
 */
export async function listActivities(
  access: AccessContext,
  params: ListParams,
  options: { locale: string; timeZone: string; now?: Date; limit?: number }
): Promise<{ rows: ActivityDto[]; next: string | null }> {
  const limit = options.limit ?? PAGE_SIZE
  const now = options.now ?? new Date()
  const query = activityQuery()
  await access.scope(query, ACTIVITIES, { table: 'a', ownerColumn: 'assignee_id' })
  const assignee = params.assignee ?? String(access.userId)
  if (assignee !== 'all') query.where('a.assignee_id', Number(assignee))
  const status = params.status ?? 'open'
  if (status !== 'all') query.where('a.status', status)
  if (params.type) query.where('a.type_id', params.type)
  const today = DateTime.fromJSDate(now).setZone(options.timeZone).startOf('day')
  const at = (d: DateTime) => dbTimestamp(d.toJSDate())
  switch (params.period) {
    case 'overdue':
      query.where('a.due_at', '<', dbTimestamp(now))
      break
    case 'today':
      query.where('a.due_at', '>=', at(today)).where('a.due_at', '<', at(today.plus({ days: 1 })))
      break
    case 'week':
      query.where('a.due_at', '>=', at(today)).where('a.due_at', '<', at(today.plus({ days: 7 })))
      break
    case 'future':
      query.where('a.due_at', '>=', at(today.plus({ days: 1 })))
      break
  }
  const after = decode(params.cursor)
  if (after)
    query.where((w) =>
      w
        .where('a.due_at', '>', after.dueAt)
        .orWhere((x) => x.where('a.due_at', after.dueAt).where('a.id', '>', after.id))
    )
  const rows = await query
    .orderBy('a.due_at')
    .orderBy('a.id')
    .limit(limit + 1)
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const next =
    rows.length > limit && last ? encode(dbTimestamp(toDate(last.due_at)), Number(last.id)) : null
  return { rows: await toActivityDtos(access, page, { ...options, now }), next }
}
