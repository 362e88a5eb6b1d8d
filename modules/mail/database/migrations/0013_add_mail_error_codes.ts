import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Failures as codes, so every reader sees them in their own language: `mail_outbox.error_code`
 * is why the last attempt to send failed (the codes of «Probar envío»: auth_failed,
 * unreachable, certificate.self_signed…; `error` keeps the server's own words), and
 * `mail_mailboxes.last_error_code` the kind of the last sync failure (auth, tls, unreachable…;
 * `last_error` keeps the plain Spanish words `mail:status` prints).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('mail_outbox', (table) => {
      table.string('error_code', 40).nullable()
    })
    this.schema.alterTable('mail_mailboxes', (table) => {
      table.string('last_error_code', 20).nullable()
    })
  }

  async down() {
    // SQLite's own DROP COLUMN: knex's table copy fails while other tables point at the table.
    if (['sqlite3', 'better-sqlite3'].includes(this.db.dialect.name)) {
      this.schema.raw('ALTER TABLE "mail_outbox" DROP COLUMN "error_code"')
      this.schema.raw('ALTER TABLE "mail_mailboxes" DROP COLUMN "last_error_code"')
      return
    }
    this.schema.alterTable('mail_outbox', (table) => table.dropColumn('error_code'))
    this.schema.alterTable('mail_mailboxes', (table) => table.dropColumn('last_error_code'))
  }
}
