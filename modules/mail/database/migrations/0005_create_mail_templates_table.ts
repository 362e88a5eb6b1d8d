import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Reusable mail texts of an organization: a subject and a plain-text body with merge fields
 * ({{contacto.nombre}}…), filled from the record a message is written from.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('mail_templates', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('name', 120).notNullable()
      table.string('subject', 500).notNullable()
      table.text('body').notNullable()
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['organization_id', 'name'], { indexName: 'mail_templates_org_name_unique' })
    })
  }

  async down() {
    this.schema.dropTable('mail_templates')
  }
}
