import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Why a message could not be read, as a code (`no_headers`, `too_complex`, `malformed`), so the
 * message page says it in the reader's language; `parse_error` keeps mailparser's own words as
 * the detail. Messages stored before are given their code from what they kept.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('mail_messages', (table) => {
      table.string('parse_error_code', 20).nullable()
    })
    this.defer(async (db) => {
      await db
        .from('mail_messages')
        .where('parse_status', 'raw')
        .where('parse_error', 'no_headers')
        .update({ parse_error_code: 'no_headers', parse_error: null })
      await db
        .from('mail_messages')
        .where('parse_status', 'raw')
        .whereNull('parse_error_code')
        .update({ parse_error_code: 'malformed' })
      await db
        .from('mail_messages')
        .where('parse_error_code', 'malformed')
        .where('parse_error', 'parse_error')
        .update({ parse_error: null })
    })
  }

  async down() {
    // SQLite's own DROP COLUMN: knex's table copy fails while other tables point at the table.
    if (['sqlite3', 'better-sqlite3'].includes(this.db.dialect.name)) {
      this.schema.raw('ALTER TABLE "mail_messages" DROP COLUMN "parse_error_code"')
      return
    }
    this.schema.alterTable('mail_messages', (table) => table.dropColumn('parse_error_code'))
  }
}
