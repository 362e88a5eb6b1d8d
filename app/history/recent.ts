import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { dbTimestamp, toIso } from '#app/support/dates'
import type { TimelineEntry } from './timeline.js'

/** A timeline entry (it names the record it belongs to). */
export type RecentEntry = TimelineEntry

/**
 * The newest timeline entries of a set of records of one type, e.g. "the companies I own" for
 * the start page. `subjectIds` is a query selecting one column of ids (the module's own,
 * scoped, LIMITed or owner-indexed query); the entries are found through the timeline's subject
 * index, newer than `sinceDays`, of the given kinds (`only`) or all but some (`except`).
 */
export async function recentTimeline(params: {
  organizationId: number
  subjectType: string
  subjectIds: DatabaseQueryBuilderContract<any>
  only?: string[]
  except?: string[]
  sinceDays: number
  limit: number
}): Promise<RecentEntry[]> {
  const since = dbTimestamp(new Date(Date.now() - params.sinceDays * 86_400_000))
  const query = db
    .from('timeline_events as t')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .where('t.organization_id', params.organizationId)
    .where('t.subject_type', params.subjectType)
    .whereIn('t.subject_id', params.subjectIds)
    .where('t.created_at', '>=', since)
    .orderBy('t.id', 'desc')
    .limit(Math.min(params.limit, 50))
    .select('t.id', 't.kind', 't.subject_id', 't.actor_id', 't.data', 't.created_at')
    .select('u.full_name as actor_name')
  if (params.only?.length) query.whereIn('t.kind', params.only)
  if (params.except?.length) query.whereNotIn('t.kind', params.except)
  const rows = await query
  return rows.map((r) => ({
    id: Number(r.id),
    subjectType: params.subjectType,
    subjectId: Number(r.subject_id),
    kind: r.kind,
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    actorName: r.actor_name ?? null,
    data: r.data ? JSON.parse(r.data) : {},
    createdAt: toIso(r.created_at),
  }))
}
