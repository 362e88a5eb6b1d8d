import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { ForbiddenException } from '#exceptions/forbidden_exception'
import { notFound } from '../../support/http.js'

/** A note of a record's timeline, as its edit and delete need it. */
export interface NoteRow {
  id: number
  actorId: number | null
  body: string
  data: Record<string, unknown>
}

/** Which note: the record it belongs to and its timeline id. */
export interface NoteRef {
  subjectType: string
  subjectId: number
  noteId: number
}

/**
 * The note `noteId` of the subject (the caller has checked the subject is in scope), or null
 * when there is none: another record's note, another kind of entry, another organization.
 */
export async function findNote(
  params: NoteRef & { organizationId: number }
): Promise<NoteRow | null> {
  const row = await db
    .from('timeline_events')
    .where({
      organization_id: params.organizationId,
      subject_type: params.subjectType,
      subject_id: params.subjectId,
    })
    .where({ id: params.noteId, kind: 'note' })
    .select('id', 'actor_id', 'data')
    .first()
  if (!row) return null
  const data = row.data ? JSON.parse(row.data) : {}
  const actorId = row.actor_id === null ? null : Number(row.actor_id)
  return { id: Number(row.id), actorId, body: String(data.body ?? ''), data }
}

/** Only a note's author changes or removes it; administrators too (moderation). */
export function mayChangeNote(access: AccessContext, note: { actorId: number | null }): boolean {
  return access.isAdmin || (note.actorId !== null && Number(note.actorId) === access.userId)
}

/**
 * The note a user asks to change: 404 when the record has no such note, 403 when it is not
 * theirs to change. The caller has checked the record itself (permission and scope).
 */
export async function changeableNote(access: AccessContext, params: NoteRef) {
  const note = (await findNote({ organizationId: access.organizationId, ...params })) ?? notFound()
  if (!mayChangeNote(access, note)) throw new ForbiddenException()
  return note
}
