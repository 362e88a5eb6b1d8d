import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * One row per import: the uploaded file, the chosen options and mapping, the state machine
 * (uploaded → previewing → previewed → committing → committed → rolling_back → rolled_back,
 * or failed) and the progress that makes a commit or a rollback resumable: `committed_line`
 * is the last file line whose batch landed, written in that batch's transaction.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('import_runs', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.string('resource', 60).notNullable()
      table.string('status', 20).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('file_path', 500).notNullable()
      table.string('format', 8).notNullable()
      // {encoding, delimiter, sheet} as detected or overridden.
      table.text('options').nullable()
      // {header: field} as chosen.
      table.text('mapping').nullable()
      table.text('headers').nullable()
      // {created, updated, duplicates, rejected}: of the preview, then of the commit.
      table.text('totals').nullable()
      table.integer('rows_total').notNullable().defaultTo(0)
      table.integer('rows_done').notNullable().defaultTo(0)
      table.integer('committed_line').notNullable().defaultTo(0)
      table.text('error').nullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.dateTime('committed_at').nullable()
      table.dateTime('rolled_back_at').nullable()
      table.index(['organization_id', 'resource', 'id'], 'import_runs_org_resource_idx')
      table.index(['user_id'], 'import_runs_user_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('import_runs')
  }
}
