import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The recycle bin: one row per binned record of a resource that accepts the bin. The record's
 * own row stays in its module's table, marked `deleted_at`; this row says what it was (title,
 * owner for the record scope), who binned it and when, and what was detached from it (JSON the
 * module wrote, so a restore can put links back). Purging deletes both.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('bin_entries', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('resource', 80).notNullable()
      table.bigint('record_id').notNullable()
      table.string('title', 255).notNullable()
      // Lowercase, accents removed: the Papelera's search.
      table.string('title_normalized', 255).notNullable()
      // The record's owner when it was binned: the bin applies the resource's record scope to it.
      table.integer('owner_id').unsigned().nullable().references('id').inTable('users')
      table.integer('deleted_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('deleted_at').notNullable()
      table.text('detached').nullable()
      table.unique(['organization_id', 'resource', 'record_id'], {
        indexName: 'bin_entries_record_unique',
      })
      table.index(['organization_id', 'deleted_at', 'id'], 'bin_entries_org_deleted_idx')
      table.index(['deleted_at'], 'bin_entries_deleted_idx')
      table.index(['owner_id'], 'bin_entries_owner_fk_idx')
      table.index(['deleted_by'], 'bin_entries_deleted_by_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('bin_entries')
  }
}
