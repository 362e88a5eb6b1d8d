import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A seat quota per organization, set by the host's administrators within the licence: null
 * (every existing row) means no quota of its own; the licence's seats still apply to all.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organizations', (table) => {
      table.integer('seat_quota').unsigned().nullable()
    })
  }

  async down() {
    // knex drops a SQLite column by copying the table, which fails while other tables' rows
    // point at `organizations`; SQLite has its own DROP COLUMN since 3.35 (see 0009).
    if (['sqlite3', 'better-sqlite3'].includes(this.db.dialect.name)) {
      this.schema.raw('ALTER TABLE "organizations" DROP COLUMN "seat_quota"')
      return
    }
    this.schema.alterTable('organizations', (table) => {
      table.dropColumn('seat_quota')
    })
  }
}
