import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * One row per bulk action run as a job (app/bulk): what was asked (resource, action, value),
 * the selected ids as resolved when it started, and the progress that makes it resumable —
 * `done` counts the ids whose chunk committed, written in that chunk's transaction.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('bulk_runs', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.string('resource', 60).notNullable()
      table.string('action', 20).notNullable()
      // queued → running → done, or failed.
      table.string('status', 20).notNullable()
      table.text('params').nullable()
      // JSON array of the selected ids (at most BULK_CAP).
      table.text('ids', 'mediumtext').notNullable()
      table.integer('total').notNullable().defaultTo(0)
      table.integer('done').notNullable().defaultTo(0)
      table.integer('changed').notNullable().defaultTo(0)
      table.integer('unchanged').notNullable().defaultTo(0)
      // {reason: rows}
      table.text('skipped').nullable()
      table.text('error').nullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.dateTime('finished_at').nullable()
      table.index(['organization_id', 'user_id', 'id'], 'bulk_runs_org_user_idx')
    })
  }

  async down() {
    this.schema.dropTable('bulk_runs')
  }
}
