import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    // The deployment's licence files, newest last. Kept in the database (not on local disk) so
    // every app instance sees the same licence; older rows stay as history.
    this.schema.createTable('licences', (table) => {
      table.increments('id')
      table.text('content').notNullable()
      table.string('licence_id', 80).notNullable()
      table.integer('installed_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('installed_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('licences')
  }
}
