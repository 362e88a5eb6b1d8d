import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordHistory } from '#app/history/record_history'
import { inTransaction } from '#app/support/db'
import { notifyMentions } from './notes/notify_mentions.js'

/**
 * Adds a note to a company's or contact's timeline (the caller checked permission and scope)
 * and notifies the users it mentions (`@[Name](user:id)`) who may see the record. The note
 * keeps the ids it notified (`data.notified`), so an edit never notifies them again.
 */
export async function addNote(params: {
  organizationId: number
  actorId: number
  subjectType: string
  subjectId: number
  body: string
  trx?: TransactionClientContract
}) {
  const { body, trx, ...subject } = params
  return inTransaction(trx, async (client) => {
    const notified = await notifyMentions({ ...subject, body, trx: client })
    const data = notified.length ? { body, notified } : { body }
    await recordHistory.event(subject, { kind: 'note', data }, client)
  })
}
