import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'
import { PreviewTransport } from '#app/mail/preview_transport'
import { dataPath } from '#app/support/paths'

/**
 * MAIL_MAILER=preview (default) writes each message to <DATA_DIR>/mail-preview/*.eml and the log;
 * MAIL_MAILER=smtp sends through SMTP_HOST:SMTP_PORT.
 */
const mailConfig = defineConfig({
  default: env.get('MAIL_MAILER', 'preview'),
  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'no-reply@cartera.local'),
    name: env.get('MAIL_FROM_NAME', 'Cartera'),
  },
  mailers: {
    preview: () => new PreviewTransport(dataPath('mail-preview')),
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', '127.0.0.1'),
      port: env.get('SMTP_PORT', 25),
      secure: env.get('SMTP_SECURE', false),
      ignoreTLS: !env.get('SMTP_SECURE', false),
      ...(env.get('SMTP_USERNAME')
        ? {
            auth: {
              type: 'login' as const,
              user: env.get('SMTP_USERNAME')!,
              pass: env.get('SMTP_PASSWORD', ''),
            },
          }
        : {}),
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
