import { notify } from '#app/notifications/notify'
import { recordCards } from '#modules/crm/contracts/index'
import type { MailboxContext } from './mailbox_context.js'
import type { StoreResult } from './types.js'

/** Tells the owners of the records a newly captured mail landed on (kind mail.captured). */
export async function notifyOwners(mailbox: MailboxContext, result: StoreResult) {
  const cards = await recordCards(mailbox.organizationId, result.links)
  const recipients = [...new Set(cards.flatMap((c) => (c.ownerId === null ? [] : [c.ownerId])))]
  if (!recipients.length) return
  const first = cards[0]
  await notify({
    organizationId: mailbox.organizationId,
    recipients,
    kind: 'mail.captured',
    message: {
      key: 'mail.notifications.captured',
      params: {
        from: result.from ?? '',
        subject: mailbox.privacy === 'metadata' ? '' : (result.subject ?? ''),
        record: first.name,
      },
    },
    link: `/mail/messages/${result.messageId}`,
  })
}
