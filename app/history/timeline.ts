import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { dbTimestamp, toDate, toIso } from '#app/support/dates'
import { insertInBatches } from '#app/support/db'
import { assertTimelineKind, messageKinds, timelineKindLabel } from './kinds.js'

/** One entry of a record's activity history. */
export interface TimelineEntryInput {
  organizationId: number
  /** `<module>.<singular>`, e.g. `crm.company`. */
  subjectType: string
  subjectId: number
  /** A kernel kind (created, updated, note, binned…, app/history/kinds.ts) or a module's declared `<module>.<name>`. */
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
  /** A module kind's title (i18n key from its manifest, receives `{actor}`) and icon name. */
  label?: string
  icon?: string
  /** Whose entry: the listed subject, or one of its `related` records (see `list`). */
  subjectType: string
  subjectId: number
}

/** One entry of a subject, as `find` returns it. */
export interface SubjectEntry {
  id: number
  kind: string
  actorId: number | null
  data: Record<string, unknown>
}

/** Which entry: its subject and its id. */
export interface EntryRef {
  organizationId: number
  subjectType: string
  subjectId: number
  id: number
  /** The entry's kind: only an entry of this kind is read, changed or removed. */
  kind: string
}

type Client = TransactionClientContract | typeof db

/**
 * The activity history every module writes to. It knows nothing about modules: subjects are
 * (type, id) pairs and the payload is small JSON.
 */
/** Records whose entries a timeline shows with its subject's: one record type and its ids. */
/** A message entry (a kind declared `message`), for modules that react to mail. */
export interface MessageEntry {
  id: number
  subjectType: string
  subjectId: number
  data: Record<string, any>
  createdAt: Date
}

export interface RelatedSubjects {
  subjectType: string
  ids: number[]
}

export const timeline = {
  async record(entry: TimelineEntryInput, client?: TransactionClientContract): Promise<void> {
    assertTimelineKind(entry.kind)
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

  /**
   * Many entries at once, in chunked multi-row inserts, in the given order. `createdAt` (a date
   * or database timestamp) backdates an entry (demo data, mail dated when sent); default now.
   */
  async recordMany(
    entries: (TimelineEntryInput & { createdAt?: string | Date | null })[],
    client: TransactionClientContract
  ): Promise<void> {
    for (const kind of new Set(entries.map((e) => e.kind))) assertTimelineKind(kind)
    const now = dbTimestamp()
    await insertInBatches(
      client,
      'timeline_events',
      entries.map((e) => ({
        organization_id: e.organizationId,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        kind: e.kind,
        actor_id: e.actorId,
        data: e.data ? JSON.stringify(e.data) : null,
        created_at: e.createdAt ? dbTimestamp(toDate(e.createdAt)) : now,
      }))
    )
  },

  /**
   * Newest first by date (then id: a mail archived today but sent last year sits at last year),
   * keyset-paginated: `before` is the id of the last entry shown, whose date and id bound the
   * next page. The caller has already checked the subject's scope.
   * `related`: entries of other records shown with the subject's (a company's contacts and
   * opportunities): for each record type, its subject type and ids, already limited to those
   * the reader may see (the caller bounds the list: it is sent as parameters). One query per
   * type, each newest first, `LIMIT n+1`, with the same cursor and kinds, on the subject index
   * (timeline_subject_time_idx: organization, type, subject id, date, id), merged here: an OR of them
   * in one statement is not planned as a union by
   * MariaDB (it walked every entry of the related type in the organization).
   * `kinds`: only entries of these kinds (a filter chip, `timelineFilterKinds`).
   */
  async list(params: {
    organizationId: number
    subjectType: string
    subjectId: number
    before?: number
    limit?: number
    related?: RelatedSubjects | RelatedSubjects[]
    kinds?: string[]
  }): Promise<{ entries: TimelineEntry[]; nextBefore: number | null }> {
    const limit = Math.min(params.limit ?? 30, 100)
    const cursor = params.before
      ? await db
          .from('timeline_events')
          .where({ organization_id: params.organizationId, id: params.before })
          .select('id', 'created_at')
          .first()
      : null
    const page = (subjectType: string, where: (q: DatabaseQueryBuilderContract) => void) => {
      const query = db
        .from('timeline_events as t')
        .leftJoin('users as u', 'u.id', 't.actor_id')
        .where('t.organization_id', params.organizationId)
        .where('t.subject_type', subjectType)
        .where((q) => where(q))
        .orderBy('t.created_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(limit + 1)
        .select(
          't.id',
          't.kind',
          't.actor_id',
          't.data',
          't.created_at',
          't.subject_type',
          't.subject_id',
          'u.full_name as actor_name'
        )
      if (params.kinds) query.whereIn('t.kind', params.kinds.length ? params.kinds : ['-'])
      // `<=` on the date alone first: a range on the index; the tie on the same date by id.
      // A cursor entry gone since (removed for good): below its id, as before dates existed.
      if (params.before && !cursor) query.where('t.id', '<', params.before)
      if (cursor)
        query
          .where('t.created_at', '<=', cursor.created_at)
          .where((q) =>
            q.where('t.created_at', '<', cursor.created_at).orWhere('t.id', '<', cursor.id)
          )
      return query
    }
    const related = [params.related ?? []].flat().filter((r) => r.ids.length)
    const parts = await Promise.all([
      page(params.subjectType, (q) => q.where('t.subject_id', params.subjectId)),
      ...related.map((r) => page(r.subjectType, (q) => q.whereIn('t.subject_id', r.ids))),
    ])
    // Each part holds its newest limit + 1 entries: together, the newest limit + 1 of all.
    const seen = new Set<number>()
    const rows = parts
      .flat()
      .filter((r) => !seen.has(Number(r.id)) && !!seen.add(Number(r.id)))
      .sort((a, b) => newestFirst(a, b))
      .slice(0, limit + 1)
    const entries = rows.slice(0, limit).map((r): TimelineEntry => {
      const declared = timelineKindLabel(r.kind)
      return {
        id: Number(r.id),
        kind: r.kind,
        actorId: r.actor_id,
        actorName: r.actor_name ?? null,
        data: r.data ? JSON.parse(r.data) : {},
        createdAt: toIso(r.created_at),
        subjectType: r.subject_type,
        subjectId: Number(r.subject_id),
        ...(declared && { label: declared.label }),
        ...(declared?.icon && { icon: declared.icon }),
      }
    })
    return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1].id : null }
  },

  /**
   * Moves a subject's entries to another subject of the same organization (a duplicate merged
   * into the record it duplicated), all but the kinds in `except`. Returns how many moved.
   */
  async move(
    params: {
      organizationId: number
      from: { subjectType: string; subjectId: number }
      to: { subjectType: string; subjectId: number }
      except?: string[]
    },
    client?: TransactionClientContract
  ): Promise<number> {
    const moved = await (client ?? db)
      .from('timeline_events')
      .where({
        organization_id: params.organizationId,
        subject_type: params.from.subjectType,
        subject_id: params.from.subjectId,
      })
      .if(params.except?.length, (q) => q.whereNotIn('kind', params.except!))
      .update({ subject_type: params.to.subjectType, subject_id: params.to.subjectId })
    return Array.isArray(moved) ? Number(moved[0] ?? 0) : Number(moved)
  },

  /**
   * A subject's entries of the given kinds, oldest first, read in the caller's transaction: for
   * a module that moves its own entries elsewhere (mail moved to another record).
   */
  async entriesOf(
    params: { organizationId: number; subjectType: string; subjectId: number; kinds: string[] },
    client?: Client
  ): Promise<SubjectEntry[]> {
    const rows = await (client ?? db)
      .from('timeline_events')
      .where({
        organization_id: params.organizationId,
        subject_type: params.subjectType,
        subject_id: params.subjectId,
      })
      .whereIn('kind', params.kinds.length ? params.kinds : ['-'])
      .orderBy('id')
      .select('id', 'kind', 'actor_id', 'data')
    return rows.map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      actorId: row.actor_id === null ? null : Number(row.actor_id),
      data: row.data ? JSON.parse(row.data) : {},
    }))
  },

  /**
   * Received messages (kinds declared `message: 'in'`) on records of the given types, dated in
   * [since, until], with no sent message (`message: 'out'`) on the same record at or after
   * them: newest first, at most `limit`. For rules that chase unanswered mail.
   */
  async unansweredMessages(params: {
    organizationId: number
    subjectTypes: string[]
    since: Date
    until: Date
    limit: number
  }): Promise<MessageEntry[]> {
    const received = messageKinds('in')
    const sent = messageKinds('out')
    if (!received.length) return []
    const rows = await db
      .from('timeline_events as t')
      .where('t.organization_id', params.organizationId)
      .whereIn('t.kind', received)
      .whereIn('t.subject_type', params.subjectTypes)
      .whereBetween('t.created_at', [dbTimestamp(params.since), dbTimestamp(params.until)])
      .if(sent.length, (q) =>
        q.whereNotExists((answered) =>
          answered
            .from('timeline_events as r')
            .whereColumn('r.organization_id', 't.organization_id')
            .whereColumn('r.subject_type', 't.subject_type')
            .whereColumn('r.subject_id', 't.subject_id')
            .whereIn('r.kind', sent)
            .whereColumn('r.created_at', '>=', 't.created_at')
            .select(db.raw('1'))
        )
      )
      .orderBy('t.id', 'desc')
      .limit(params.limit)
      .select('t.id', 't.subject_type', 't.subject_id', 't.data', 't.created_at')
    return rows.map((r) => ({
      id: Number(r.id),
      subjectType: r.subject_type,
      subjectId: Number(r.subject_id),
      data: r.data ? JSON.parse(r.data) : {},
      createdAt: toDate(r.created_at),
    }))
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
  /**
   * The entry `id` of the subject when it is of `kind`, else null (another subject's entry,
   * another kind, another organization). `client`: the caller's transaction, if any.
   */
  async find(ref: EntryRef, client?: Client): Promise<SubjectEntry | null> {
    const row = await (client ?? db)
      .from('timeline_events')
      .where({
        organization_id: ref.organizationId,
        subject_type: ref.subjectType,
        subject_id: ref.subjectId,
      })
      .where({ id: ref.id, kind: ref.kind })
      .select('id', 'kind', 'actor_id', 'data')
      .first()
    if (!row) return null
    return {
      id: Number(row.id),
      kind: row.kind,
      actorId: row.actor_id === null ? null : Number(row.actor_id),
      data: row.data ? JSON.parse(row.data) : {},
    }
  },

  /** Replaces an entry's data (it keeps its place, kind, author and date). */
  async update(ref: EntryRef, data: Record<string, unknown>, client?: Client): Promise<void> {
    await subjectEntry(client ?? db, ref).update({ data: JSON.stringify(data) })
  },

  /** Removes one entry of a subject. */
  async delete(ref: EntryRef, client?: Client): Promise<void> {
    await subjectEntry(client ?? db, ref).delete()
  },
}

/** Timeline order: newest date first, then the highest id (entries written in one second). */
function newestFirst(
  a: { id: unknown; created_at: unknown },
  b: { id: unknown; created_at: unknown }
) {
  const byDate = toIso(b.created_at as any).localeCompare(toIso(a.created_at as any))
  return byDate || Number(b.id) - Number(a.id)
}

const subjectEntry = (client: Client, ref: EntryRef) =>
  client.from('timeline_events').where({
    organization_id: ref.organizationId,
    subject_type: ref.subjectType,
    subject_id: ref.subjectId,
    id: ref.id,
    kind: ref.kind,
  })
