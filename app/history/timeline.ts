import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp, toIso } from '#app/support/dates'

/** One entry of a record's activity history. */
export interface TimelineEntryInput {
  organizationId: number
  /** `<module>.<singular>`, e.g. `crm.company`. */
  subjectType: string
  subjectId: number
  /** created, updated, deleted, note, stage_moved, mail_linked, … */
  kind: string
  actorId: number | null
  data?: Record<string, unknown>
}

export interface TimelineEntry {
  id: number
  kind: string
  actorId: number | null
  actorName: string | null
  data: Record<string, unknown>
  createdAt: string
}

/**
 * The activity history every module writes to. It knows nothing about modules: subjects are
 * (type, id) pairs and the payload is small JSON.
 */
export const timeline = {
  async record(entry: TimelineEntryInput, client?: TransactionClientContract): Promise<void> {
    await (client ?? db).table('timeline_events').insert({
      organization_id: entry.organizationId,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      kind: entry.kind,
      actor_id: entry.actorId,
      data: entry.data ? JSON.stringify(entry.data) : null,
      created_at: dbTimestamp(),
    })
  },

  /** Newest first, keyset-paginated by id. The caller has already checked the subject's scope. */
  async list(params: {
    organizationId: number
    subjectType: string
    subjectId: number
    before?: number
    limit?: number
  }): Promise<{ entries: TimelineEntry[]; nextBefore: number | null }> {
    const limit = Math.min(params.limit ?? 30, 100)
    const query = db
      .from('timeline_events as t')
      .leftJoin('users as u', 'u.id', 't.actor_id')
      .where('t.organization_id', params.organizationId)
      .where('t.subject_type', params.subjectType)
      .where('t.subject_id', params.subjectId)
      .orderBy('t.id', 'desc')
      .limit(limit + 1)
      .select('t.id', 't.kind', 't.actor_id', 't.data', 't.created_at', 'u.full_name as actor_name')
    if (params.before) query.where('t.id', '<', params.before)
    const rows = await query
    const entries = rows.slice(0, limit).map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      actorId: r.actor_id,
      actorName: r.actor_name ?? null,
      data: r.data ? JSON.parse(r.data) : {},
      createdAt: toIso(r.created_at),
    }))
    return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1].id : null }
  },

  /** Removes a subject's history (used when the subject itself is deleted for good). */
  async forget(
    organizationId: number,
    subjectType: string,
    subjectId: number,
    client?: TransactionClientContract
  ) {
    await (client ?? db)
      .from('timeline_events')
      .where({
        organization_id: organizationId,
        subject_type: subjectType,
        subject_id: subjectId,
      })
      .delete()
  },
}
