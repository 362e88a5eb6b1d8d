import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { AccessContext } from '#app/access/access_context'
import { recentTimeline } from '#app/history/recent'
import { timelineKindLabel } from '#app/history/kinds'
import type { HomeCardItem } from '#app/registry/types'
import { CRM_SUBJECTS } from '../catalog.js'

/** How far back "Mi día" looks for changes and notes on the user's records. */
const WINDOW_DAYS = 30

/** The record types whose timeline "Mi día" reads, with the table, name and page of each. */
const SOURCES = Object.values(CRM_SUBJECTS)

export interface MyRecordEntry {
  id: number
  kind: string
  actorName: string | null
  data: Record<string, unknown>
  at: string
  recordName: string
  href: string
}

/**
 * The latest timeline entries (notes, or everything but notes) of the live companies and
 * contacts the user owns and may see, newest first. The records come from the owner index
 * (scoped like the lists), their entries through the timeline's subject index; LIMITed. (No
 * LIMIT inside the ids subquery: MariaDB refuses LIMIT in an IN subquery.)
 */
export async function myRecordsTimeline(
  access: AccessContext,
  options: { notes: boolean; limit: number }
): Promise<MyRecordEntry[]> {
  const perSource = await Promise.all(
    SOURCES.filter((s) => access.can(`${s.resource}.view`)).map(async (source) => {
      const mine = db
        .from(`${source.table} as r`)
        .where('r.organization_id', access.organizationId)
        .where('r.owner_id', access.userId)
        .select('r.id')
      await access.scope(mine, source.resource, { table: 'r' })
      const entries = await recentTimeline({
        organizationId: access.organizationId,
        subjectType: source.subjectType,
        subjectIds: mine,
        idColumn: 'r.id',
        ...(options.notes ? { only: ['note'] } : { except: ['note'] }),
        sinceDays: WINDOW_DAYS,
        limit: options.limit,
      })
      if (!entries.length) return []
      const records = await db
        .from(source.table)
        .where('organization_id', access.organizationId)
        .whereIn('id', [...new Set(entries.map((e) => e.subjectId))])
        .select('id', ...source.names)
      const names = new Map(
        records.map((r) => [
          Number(r.id),
          source.names
            .map((column) => r[column])
            .filter(Boolean)
            .join(' '),
        ])
      )
      return entries.map((entry) => ({
        id: entry.id,
        kind: entry.kind,
        actorName: entry.actorName,
        data: entry.data,
        at: entry.createdAt,
        recordName: names.get(entry.subjectId) ?? '',
        href: router.makeUrl(source.route, { id: entry.subjectId }),
      }))
    })
  )
  return perSource
    .flat()
    .sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
    .slice(0, options.limit)
}

/** A line of "Cambiados recientemente": the record, what happened and who did it. */
export function changeItem(
  entry: MyRecordEntry,
  t: (key: string, params?: Record<string, unknown>) => string
): HomeCardItem {
  const actor = entry.actorName ?? t('timeline.system')
  const moduleKind = timelineKindLabel(entry.kind)
  const detail = moduleKind
    ? t(moduleKind.label, { actor })
    : t(`timeline.kinds.${entry.kind}`, { actor })
  return { title: entry.recordName, detail, href: entry.href, at: entry.at, icon: 'history' }
}
