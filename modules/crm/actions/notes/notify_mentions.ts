import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { AccessContext } from '#app/access/access_context'
import { notify } from '#app/notifications/notify'
import { mentionedUserIds } from '../../support/mentions.js'
import { crmSubject } from '../../catalog.js'

export interface NotifyMentionsParams {
  organizationId: number
  actorId: number
  subjectType: string
  subjectId: number
  body: string
  /** Users already told about this note (an edit tells only the newly mentioned ones). */
  alreadyNotified?: number[]
  trx?: TransactionClientContract
}

/**
 * Notifies ("crm.mention") the users a note mentions: never its author, never twice for the
 * same note, and only those who may see the record (view permission and record scope), so a
 * mention leaks nothing. Returns every id the note has notified so far, to keep in the note.
 */
/** The most users one note's mentions notify. */
export const MAX_MENTIONED = 20

export async function notifyMentions(params: NotifyMentionsParams): Promise<number[]> {
  const { organizationId, actorId, subjectType, subjectId, trx } = params
  const already = new Set(params.alreadyNotified ?? [])
  const subject = crmSubject(subjectType)
  // At most MAX_MENTIONED people per note are notified (each costs an access check): a note
  // mentioning half the company notifies its first MAX_MENTIONED names.
  const candidates = mentionedUserIds(params.body)
    .filter((id) => id !== actorId && !already.has(id))
    .slice(0, MAX_MENTIONED)
  if (!subject || !candidates.length) return [...already]
  const client = trx ?? db
  const [record, users, author] = await Promise.all([
    client
      .from(subject.table)
      .where('organization_id', organizationId)
      .where('id', subjectId)
      .select('owner_id', ...subject.names)
      .first(),
    client
      .from('users')
      .where('organization_id', organizationId)
      .where('is_active', true)
      .whereIn('id', candidates)
      .select('id'),
    client.from('users').where('id', actorId).select('full_name').first(),
  ])
  if (!record) return [...already]
  const ownerId = record.owner_id === null ? null : Number(record.owner_id)
  const allowed: number[] = []
  for (const { id } of users) {
    const access = await AccessContext.forUser({ id: Number(id), organizationId }, trx)
    if (
      access.can(`${subject.resource}.view`) &&
      (await access.canSee(subject.resource, ownerId, trx))
    )
      allowed.push(Number(id))
  }
  if (allowed.length) {
    await notify(
      {
        organizationId,
        recipients: allowed,
        kind: 'crm.mention',
        message: {
          key: 'crm.notes.mentioned',
          params: {
            actor: author?.full_name ?? '',
            record: subject.names
              .map((column) => record[column])
              .filter(Boolean)
              .join(' '),
          },
        },
        link: router.makeUrl(subject.route, { id: subjectId }),
      },
      { trx }
    )
  }
  return [...already, ...allowed]
}
