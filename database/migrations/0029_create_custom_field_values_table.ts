import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Values of custom fields, one row per record and field (one per chosen code for a multi-list),
 * in a typed column so that filters and sorts stay indexed on every database: text, list and
 * link in `value_text`; numbers, money (integer minor units), yes/no (0/1) and users (id) in
 * `value_number`; dates in `value_date`; long text in `value_long` (not indexed). Each index
 * starts with the field and ends with the record, so `record IN (SELECT record_id … WHERE
 * field_id = ? AND value …)` and `LEFT JOIN … ORDER BY value, record` are index range scans.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('custom_field_values', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('field_id').unsigned().notNullable().references('id').inTable('custom_fields')
      table.integer('record_id').unsigned().notNullable()
      table.string('value_text', 255).nullable()
      table.text('value_long').nullable()
      table.decimal('value_number', 20, 6).nullable()
      table.date('value_date').nullable()
      table.unique(['field_id', 'record_id', 'value_text'], { indexName: 'cfv_field_record_text' })
      table.index(['field_id', 'value_text', 'record_id'], 'cfv_field_text')
      table.index(['field_id', 'value_number', 'record_id'], 'cfv_field_number')
      table.index(['field_id', 'value_date', 'record_id'], 'cfv_field_date')
      table.index(['organization_id', 'record_id'], 'cfv_organization_record')
    })
  }

  async down() {
    this.schema.dropTable('custom_field_values')
  }
}
