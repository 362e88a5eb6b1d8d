import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import logger from '@adonisjs/core/services/logger'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * Development transport: builds the real MIME message, writes it as an .eml file under
 * `<DATA_DIR>/mail-preview/` and logs recipient, subject and file. Bodies are never logged:
 * they carry password-reset links. Nothing leaves the machine.
 */
export class PreviewTransport implements MailTransportContract {
  #transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })

  constructor(private directory: string) {}

  async send(message: NodeMailerMessage) {
    const info = await this.#transport.sendMail(message)
    await mkdir(this.directory, { recursive: true })
    const file = join(
      this.directory,
      `${Date.now()}-${info.messageId.replace(/[^a-z0-9]/gi, '')}.eml`
    )
    await writeFile(file, info.message as Buffer)
    logger.info(
      { to: message.to, subject: message.subject, file },
      'mail preview written (not sent)'
    )
    return new MailResponse(info.messageId, info.envelope, info)
  }
}
