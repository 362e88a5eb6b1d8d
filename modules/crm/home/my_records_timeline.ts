import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp, toIso } from '#app/support/dates'
import { timelineKindLabel } from '#app/history/kinds'
import type { HomeCardItem } from '#app/registry/types'
import { COMPANIES, COMPANY_SUBJECT } from '../actions/companies/load_company.js'

/** How far back "Mi día" looks for changes and notes on the user's records. */
const WINDOW_DAYS = 30

/** The record types whose timeline "Mi día" reads, with the table, name and page of each. */
const SOURCES = [
  {
    subjectType: COMPANY_SUBJECT,
    resource: COMPANIES,
    table: 'crm_companies',
    names: ['r.name as name_1'],
    route: 'crm.companies.show',
  },
  {
    subjectType: 'crm.contact',
    resource: 'crm.contacts',
    table: 'crm_contacts',
    // Joined in JS: `||` concatenates on SQLite but means OR on MariaDB.
    names: ['r.first_name as name_1', 'r.last_name as name_2'],
    route: 'crm.contacts.show',
  },
] as const

export interface MyRecordEntry {
  id: number
  kind: string
  actorName: string | null
  data: Record<string, unknown>
  at: string
  recordName: string
  href: string
}

function parse(data: unknown): Record<string, unknown> {
  if (!data) return {}
  try {
    return typeof data === 'string' ? JSON.parse(data) : (data as Record<string, unknown>)
  } catch {
    return {}
  }
}

/**
 * The latest timeline entries (notes, or everything but notes) of the live companies and
 * contacts the user owns and may see, newest first. Each query starts from the owner index
 * of the records and reaches the entries through the timeline's subject index; LIMITed.
 */
export async function myRecordsTimeline(
  access: AccessContext,
  options: { notes: boolean; limit: number }
): Promise<MyRecordEntry[]> {
  const since = dbTimestamp(new Date(Date.now() - WINDOW_DAYS * 86_400_000))
  const perSource = await Promise.all(
    SOURCES.filter((s) => access.can(`${s.resource}.view`)).map(async (source) => {
      const query = db
        .from('timeline_events as te')
        .join(`${source.table} as r`, (join) => {
          join.on('r.id', '=', 'te.subject_id').andOnVal('te.subject_type', source.subjectType)
        })
        .leftJoin('users as u', 'u.id', 'te.actor_id')
        .where('te.organization_id', access.organizationId)
        .where('r.organization_id', access.organizationId)
        .where('r.owner_id', access.userId)
        .where('te.created_at', '>=', since)
        .orderBy('te.id', 'desc')
        .limit(options.limit)
        .select('te.id', 'te.kind', 'te.data', 'te.created_at', 'r.id as record_id')
        .select('u.full_name as actor_name', ...source.names)
      if (options.notes) query.where('te.kind', 'note')
      else query.whereNot('te.kind', 'note')
      await access.scope(query, source.resource, { table: 'r' })
      const rows = await query
      return rows.map((row: any) => ({
        id: Number(row.id),
        kind: String(row.kind),
        actorName: row.actor_name ?? null,
        data: parse(row.data),
        at: toIso(row.created_at),
        recordName: [row.name_1, row.name_2].filter(Boolean).join(' '),
        href: router.makeUrl(source.route, { id: Number(row.record_id) }),
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
