import { BaseSchema } from '@adonisjs/lucid/schema'

/** Days a binned record waits before the nightly purge removes it for good (per organization). */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organizations', (table) => {
      table.integer('bin_retention_days').unsigned().notNullable().defaultTo(30)
    })
  }

  async down() {
    // See 0010: SQLite's own DROP COLUMN, not knex's table copy.
    if (['sqlite3', 'better-sqlite3'].includes(this.db.dialect.name)) {
      this.schema.raw('ALTER TABLE "organizations" DROP COLUMN "bin_retention_days"')
      return
    }
    this.schema.alterTable('organizations', (table) => {
      table.dropColumn('bin_retention_days')
    })
  }
}
