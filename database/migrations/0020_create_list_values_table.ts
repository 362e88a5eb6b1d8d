import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Values of the editable lists modules declare in their manifests (`lists`): per organization,
 * seeded from the declared defaults, relabelled, ordered, deactivated (kept for the records
 * that use them, hidden from new choices) or, for open lists, added and removed.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('list_values', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('list_key', 80).notNullable()
      table.string('code', 40).notNullable()
      table.string('label_es', 120).notNullable()
      table.string('label_en', 120).notNullable()
      table.integer('position').notNullable().defaultTo(0)
      table.boolean('is_active').notNullable().defaultTo(true)
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id', 'list_key', 'code'])
    })
  }

  async down() {
    this.schema.dropTable('list_values')
  }
}
