import { inTransaction } from '#app/support/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordHistory } from '#app/history/record_history'
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
    await timeline.delete(
      { organizationId, subjectType, subjectId, id: note.id, kind: 'note' },
      client
    )
    await recordHistory.event(
      { organizationId, actorId, subjectType, subjectId },
      {
        kind: 'note_deleted',
        data: { author: note.actorId },
        action: 'update',
        changes: [{ field: 'note', from: note.body, to: null }],
      },
      client
    )
  }
  return inTransaction(trx, work)
}
