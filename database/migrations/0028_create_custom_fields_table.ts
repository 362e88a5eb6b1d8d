import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Fields an administrator adds to a resource that accepts them (manifest `customFields`), per
 * organization. Module tables are never altered: values live in custom_field_values.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('custom_fields', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('resource', 80).notNullable()
      table.string('key', 60).notNullable()
      table.string('label', 120).notNullable()
      table.string('type', 20).notNullable()
      table.boolean('required').notNullable().defaultTo(false)
      table.text('options').nullable()
      table.boolean('show_in_list').notNullable().defaultTo(false)
      table.integer('position').notNullable().defaultTo(0)
      table.boolean('active').notNullable().defaultTo(true)
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id', 'resource', 'key'])
    })
  }

  async down() {
    this.schema.dropTable('custom_fields')
  }
}
