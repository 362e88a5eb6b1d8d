import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordHistory } from '#app/history/record_history'

/**
 * Adds a note to a company's or contact's timeline (the caller checked permission and scope).
 * One insert: inside `trx` when given, else on its own.
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
  await recordHistory.event(subject, { kind: 'note', data: { body } }, trx)
}
