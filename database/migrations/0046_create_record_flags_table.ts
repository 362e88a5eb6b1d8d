import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Record flags: small badges another part of the app raises on a record (an analytics alert
 * on a company) and the record's page shows in its header. `source_key` names who raised it
 * (`analytics.alert:12`), unique per organization, so raising twice writes one row and clearing
 * removes exactly that flag. `resource` is the record's subject type (`crm.company`).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('record_flags', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('resource', 40).notNullable()
      table.integer('record_id').unsigned().notNullable()
      table.string('kind', 40).notNullable()
      table.string('source_key', 120).notNullable()
      table.string('label_key', 120).notNullable()
      table.text('params').nullable()
      table.string('link', 300).nullable()
      table.dateTime('created_at').notNullable()
      table.unique(['organization_id', 'source_key'], { indexName: 'record_flags_source_uq' })
      // A record page reads its flags.
      table.index(['organization_id', 'resource', 'record_id'], 'record_flags_record_idx')
    })
  }

  async down() {
    this.schema.dropTable('record_flags')
  }
}
