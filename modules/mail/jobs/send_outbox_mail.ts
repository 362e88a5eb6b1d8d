import { Job, exponentialBackoff } from '@adonisjs/queue'
import { deliverOutbox } from '../compose/send.js'

/**
 * Sends one mail of the outbox (written from a record). A failed attempt leaves the row
 * "failed" with the SMTP error (shown to the user) and is retried with backoff: about 1 min,
 * 5 min, 25 min; a later success turns it "sent".
 */
export default class SendOutboxMail extends Job<{ outboxId: number; organizationId: number }> {
  static options = {
    name: 'mail.send_outbox_mail',
    maxRetries: 3,
    retry: {
      backoff: exponentialBackoff({
        baseDelay: '1m',
        multiplier: 5,
        maxDelay: '30m',
        jitter: false,
      }),
    },
  }

  async execute() {
    await deliverOutbox(this.payload.outboxId)
  }
}
