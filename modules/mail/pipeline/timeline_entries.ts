import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { timeline } from '#app/history/timeline'
import { dbTimestamp } from '#app/support/dates'
import type { LinkChoice } from './link.js'
import type { MailboxContext } from './mailbox_context.js'
import type { ParsedMessage } from './parse.js'

/** Timeline kinds of captured and sent mail (labels: mail.timeline.* in lang). */
export const MAIL_KINDS = { in: 'mail.received', out: 'mail.sent' } as const

/**
 * One entry per linked record, dated when the mail was sent. What it says follows the
 * mailbox's privacy: metadata only (who wrote to whom), or the subject. `dedupeKey` makes a
 * page that shows several of the records (a company with its contacts) list the mail once.
 */
export async function writeMailEntries(
  mailbox: MailboxContext,
  message: {
    messageId: number
    parsed: ParsedMessage | null
    direction: 'in' | 'out'
    sentAt: Date
  },
  links: LinkChoice[],
  trx: TransactionClientContract
) {
  if (!links.length) return
  const { parsed } = message
  const from = parsed?.from?.address ?? ''
  const to = parsed?.to.map((a) => a.address).join(', ') ?? ''
  const summary =
    mailbox.privacy === 'metadata' ? `${from} → ${to}`.slice(0, 300) : (parsed?.subject ?? '')
  await timeline.recordMany(
    links.map((link) => ({
      organizationId: mailbox.organizationId,
      subjectType: link.type,
      subjectId: link.id,
      kind: MAIL_KINDS[message.direction],
      actorId: null,
      createdAt: dbTimestamp(message.sentAt),
      data: {
        messageId: message.messageId,
        summary: summary.slice(0, 300),
        from,
        href: `/mail/messages/${message.messageId}`,
        dedupeKey: `mail:${message.messageId}`,
        reason: link.reason,
      },
    })),
    trx
  )
}
