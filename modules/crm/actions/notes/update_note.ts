import { inTransaction } from '#app/support/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordHistory } from '#app/history/record_history'
import { timeline } from '#app/history/timeline'
import type { NoteRow } from './find_note.js'
import { notifyMentions } from './notify_mentions.js'

export interface UpdateNoteParams {
  organizationId: number
  actorId: number
  subjectType: string
  subjectId: number
  /** Found by findNote and allowed by mayChangeNote. */
  note: NoteRow
  body: string
  trx?: TransactionClientContract
}

/**
 * Rewrites a note's text. The entry keeps its place and author and says it was edited (when,
 * by whom); the audit log keeps the old and new text under the record, as field "note".
 */
export async function updateNote(params: UpdateNoteParams) {
  const { organizationId, actorId, subjectType, subjectId, note, body, trx } = params
  if (body === note.body) return
  const work = async (client: TransactionClientContract) => {
    // Only users newly mentioned by the edit are told; the note's author is the note's, not the editor.
    const before = Array.isArray(note.data.notified) ? note.data.notified.map(Number) : []
    const notified = await notifyMentions({
      organizationId,
      actorId: note.actorId ?? actorId,
      subjectType,
      subjectId,
      body,
      alreadyNotified: before,
      trx: client,
    })
    const data = {
      ...note.data,
      body,
      editedAt: new Date().toISOString(),
      editedBy: actorId,
      ...(notified.length ? { notified } : {}),
    }
    await timeline.update(
      { organizationId, subjectType, subjectId, id: note.id, kind: 'note' },
      data,
      client
    )
    const changes = [{ field: 'note', from: note.body, to: body }]
    await recordHistory.event(
      { organizationId, actorId, subjectType, subjectId },
      { action: 'update', changes },
      client
    )
  }
  return inTransaction(trx, work)
}
