import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * How a mailbox hears of new mail: `idle_state` is what the IDLE watcher found on its server
 * ('idle': it announces IDLE and a watcher holds a connection; 'polling': it does not, the
 * minute's poll syncs it) and `idle_at` when a watcher last confirmed it (a heartbeat: a state
 * older than a few minutes means no process is watching any more).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('mail_mailboxes', (table) => {
      table.string('idle_state', 12).nullable()
      table.timestamp('idle_at').nullable()
    })
  }

  async down() {
    // SQLite's own DROP COLUMN: knex's table copy fails while other tables point at the table.
    if (['sqlite3', 'better-sqlite3'].includes(this.db.dialect.name)) {
      this.schema.raw('ALTER TABLE "mail_mailboxes" DROP COLUMN "idle_state"')
      this.schema.raw('ALTER TABLE "mail_mailboxes" DROP COLUMN "idle_at"')
      return
    }
    this.schema.alterTable('mail_mailboxes', (table) => {
      table.dropColumn('idle_state')
      table.dropColumn('idle_at')
    })
  }
}
