import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { dbTimestamp, toDate, toIso } from '#app/support/dates'
import type { TimelineEntry } from './timeline.js'

/** A timeline entry (it names the record it belongs to). */
export type RecentEntry = TimelineEntry

/** How many of the type's newest entries the first pass reads (see recentTimeline). */
export const RECENT_SCAN = 2000

/**
 * The newest timeline entries of a set of records of one type, e.g. "the companies I own" for
 * the start page. `subjectIds` is a query selecting the records' ids (`idColumn`, e.g. `r.id`:
 * the module's own, scoped, owner-indexed query), newer than `sinceDays`, of the given kinds
 * (`only`) or all but some (`except`).
 *
 * Two plans, because either alone degrades: walking the set's ids through the subject index
 * costs as many probes as the set has records (an owner of 12,000 companies: 60 ms on SQLite
 * with 200,000 entries), while walking the type's newest entries and keeping those of the set
 * costs as many entries as it reads. So the first pass reads the type's newest RECENT_SCAN
 * entries (`timeline_type_idx`) and keeps those whose record is in the set (a primary-key
 * probe each); only when it found fewer than `limit` and stopped at RECENT_SCAN does the
 * second pass go through the set's ids — which is cheap exactly then (few records, or records
 * nobody touched lately).
 */
export async function recentTimeline(params: {
  organizationId: number
  subjectType: string
  subjectIds: DatabaseQueryBuilderContract<any>
  idColumn: string
  only?: string[]
  except?: string[]
  sinceDays: number
  limit: number
}): Promise<RecentEntry[]> {
  const since = dbTimestamp(new Date(Date.now() - params.sinceDays * 86_400_000))
  const limit = Math.min(params.limit, 50)
  const newest = db
    .from('timeline_events')
    .where('organization_id', params.organizationId)
    .where('subject_type', params.subjectType)
    .orderBy('id', 'desc')
    .limit(RECENT_SCAN)
    .select('id', 'kind', 'subject_id', 'actor_id', 'data', 'created_at')
  const select = (from: DatabaseQueryBuilderContract<any> | string) => {
    const query = db
      .from(typeof from === 'string' ? from : from.as('t'))
      .leftJoin('users as u', 'u.id', 't.actor_id')
      .where('t.created_at', '>=', since)
      .orderBy('t.id', 'desc')
      .limit(limit)
      .select('t.id', 't.kind', 't.subject_id', 't.actor_id', 't.data', 't.created_at')
      .select('u.full_name as actor_name')
    if (params.only?.length) query.whereIn('t.kind', params.only)
    if (params.except?.length) query.whereNotIn('t.kind', params.except)
    return query
  }
  const kept = (query: DatabaseQueryBuilderContract<any>) =>
    query.whereExists(params.subjectIds.clone().whereColumn(params.idColumn, 't.subject_id'))
  let rows = await kept(select(newest))
  if (rows.length < limit) {
    // Did the first pass see the whole window? Only if the type has fewer entries than it read,
    // or the oldest entry it read is already older than the window.
    const edge = await db
      .from('timeline_events')
      .where('organization_id', params.organizationId)
      .where('subject_type', params.subjectType)
      .orderBy('id', 'desc')
      .offset(RECENT_SCAN - 1)
      .limit(1)
      .select('created_at')
    const covered = !edge.length || dbTimestamp(toDate(edge[0].created_at)) < since
    if (!covered) {
      rows = await select('timeline_events as t')
        .where('t.organization_id', params.organizationId)
        .where('t.subject_type', params.subjectType)
        .whereIn('t.subject_id', params.subjectIds)
    }
  }
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
