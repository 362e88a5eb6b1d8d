import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Files attached to records of any resource that accepts documents (see the manifest's
 * `documents`). A record is named by its resource key and id, so the kernel needs no table of
 * any module. `deleted_at`/`deleted_by` put a document in the recycle bin; the file stays on the
 * drive until the document is purged.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('documents', (table) => {
      table.bigIncrements('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('resource', 60).notNullable()
      table.bigint('record_id').notNullable()
      table.string('original_name', 255).notNullable()
      table.string('stored_key', 190).notNullable().unique()
      table.bigint('size').notNullable()
      table.string('content_type', 120).notNullable()
      table.string('sha256', 64).notNullable()
      table.integer('uploaded_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.dateTime('deleted_at').nullable()
      table.integer('deleted_by').unsigned().nullable().references('id').inTable('users')
      table.index(['organization_id', 'resource', 'record_id', 'id'], 'documents_record_idx')
      table.index(['organization_id', 'deleted_at'], 'documents_bin_idx')
    })
  }

  async down() {
    this.schema.dropTable('documents')
  }
}
