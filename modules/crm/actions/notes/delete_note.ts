import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { audit } from '#app/history/audit'
import { timeline } from '#app/history/timeline'
import type { NoteRow } from './find_note.js'

export interface DeleteNoteParams {
  organizationId: number
  actorId: number
  subjectType: string
  subjectId: number
  /** Found by findNote and allowed by mayChangeNote. */
  note: NoteRow
  trx?: TransactionClientContract
}

/**
 * Removes a note. The timeline says who removed a note and when (not its text); the audit
 * log, which only administrators read, keeps the text as field "note" going to nothing.
 */
export async function deleteNote({
  organizationId,
  actorId,
  subjectType,
  subjectId,
  note,
  trx,
}: DeleteNoteParams) {
  const work = async (client: TransactionClientContract) => {
    await client
      .from('timeline_events')
      .where('organization_id', organizationId)
      .where('id', note.id)
      .delete()
    const subject = { organizationId, actorId, subjectType, subjectId }
    await timeline.record(
      { ...subject, kind: 'note_deleted', data: { author: note.actorId } },
      client
    )
    const changes = [{ field: 'note', from: note.body, to: null }]
    await audit.record({ ...subject, action: 'update', changes }, client)
  }
  return trx ? work(trx) : db.transaction(work)
}
