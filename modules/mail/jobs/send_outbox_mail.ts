import { Job, exponentialBackoff } from '@adonisjs/queue'
import { deliverOutbox, outboxFailed, SEND_ATTEMPTS } from '../compose/send.js'

const RETRIES = SEND_ATTEMPTS - 1

/**
 * Sends one mail of the outbox (written from a record). A failed attempt leaves the row
 * "retrying" with the SMTP error (shown to the user: «Reintentando (1/4)») and is retried with
 * backoff: about 1 min, 5 min, 25 min; a later success turns it "sent", the fourth failure
 * "failed".
 */
export default class SendOutboxMail extends Job<{ outboxId: number; organizationId: number }> {
  static options = {
    name: 'mail.send_outbox_mail',
    maxRetries: RETRIES,
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
    await deliverOutbox(this.payload.outboxId, {
      attempt: this.context.attempt,
      maxAttempts: RETRIES + 1,
    })
  }

  async failed(error: Error) {
    await outboxFailed(this.payload.outboxId, error)
  }
}
