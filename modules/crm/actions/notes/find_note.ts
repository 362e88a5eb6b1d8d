import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { timeline } from '#app/history/timeline'
import { ForbiddenException } from '#exceptions/forbidden_exception'
import { notFound } from '#app/support/http'

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
  params: NoteRef & { organizationId: number },
  trx?: TransactionClientContract
): Promise<NoteRow | null> {
  const entry = await timeline.find(
    {
      organizationId: params.organizationId,
      subjectType: params.subjectType,
      subjectId: params.subjectId,
      id: params.noteId,
      kind: 'note',
    },
    trx
  )
  if (!entry) return null
  return {
    id: entry.id,
    actorId: entry.actorId,
    body: String(entry.data.body ?? ''),
    data: entry.data,
  }
}

/** Only a note's author changes or removes it; administrators too (moderation). */
export function mayChangeNote(access: AccessContext, note: { actorId: number | null }): boolean {
  return access.isAdmin || (note.actorId !== null && Number(note.actorId) === access.userId)
}

/**
 * The note a user asks to change: 404 when the record has no such note, 403 when it is not
 * theirs to change. The caller has checked the record itself (permission and scope).
 */
export async function changeableNote(
  access: AccessContext,
  params: NoteRef,
  trx?: TransactionClientContract
) {
  const note =
    (await findNote({ organizationId: access.organizationId, ...params }, trx)) ?? notFound()
  if (!mayChangeNote(access, note)) throw new ForbiddenException()
  return note
}
