import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Nightly pruning (per organization): read notifications are kept `notification_retention_days`,
 * finished imports `import_retention_days`, after which their file and preview go
 * (`import_runs.pruned_at` says when; what a rollback needs stays while it is offered).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organizations', (table) => {
      table.integer('notification_retention_days').unsigned().notNullable().defaultTo(90)
      table.integer('import_retention_days').unsigned().notNullable().defaultTo(30)
    })
    this.schema.alterTable('import_runs', (table) => {
      table.dateTime('pruned_at').nullable()
    })
  }

  async down() {
    // See 0010: SQLite's own DROP COLUMN, not knex's table copy.
    if (['sqlite3', 'better-sqlite3'].includes(this.db.dialect.name)) {
      this.schema.raw('ALTER TABLE "import_runs" DROP COLUMN "pruned_at"')
      this.schema.raw('ALTER TABLE "organizations" DROP COLUMN "import_retention_days"')
      this.schema.raw('ALTER TABLE "organizations" DROP COLUMN "notification_retention_days"')
      return
    }
    this.schema.alterTable('import_runs', (table) => {
      table.dropColumn('pruned_at')
    })
    this.schema.alterTable('organizations', (table) => {
      table.dropColumn('notification_retention_days')
      table.dropColumn('import_retention_days')
    })
  }
}
