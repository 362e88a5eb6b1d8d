import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import env from '#start/env'

/**
 * A real SMTP server (the `smtp-server` package) that keeps every message it receives, so
 * tests see exactly what a mail server would. It listens on SMTP_PORT (scripts/test.mjs picks
 * a free one and the app's smtp mailer points there).
 */
class SmtpSink {
  messages: ParsedMail[] = []
  #server?: SMTPServer

  async start() {
    if (this.#server) return
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream).then((mail) => {
          this.messages.push(mail)
          callback()
        }, callback)
      },
    })
    await new Promise<void>((resolve, reject) => {
      this.#server!.once('error', reject)
      this.#server!.listen(Number(env.get('SMTP_PORT', 2525)), '127.0.0.1', () => resolve())
    })
  }

  async stop() {
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve()
    )
    this.#server = undefined
  }

  clear() {
    this.messages = []
  }

  /** Waits until `count` messages to `address` have arrived (mail sent in the background). */
  async waitFor(address: string, count = 1, timeoutMs = 5_000): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs
    while (this.to(address).length < count) {
      if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return this.to(address)
  }

  /** Messages sent to `address`, oldest first. */
  to(address: string): ParsedMail[] {
    return this.messages.filter((m) => {
      const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : []
      return to.some((t) => t.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()))
    })
  }
}

export const smtpSink = new SmtpSink()
