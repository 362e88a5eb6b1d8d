import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('module_installations', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('module', 40).notNullable()
      table.string('status', 16).notNullable()
      table.integer('installed_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('installed_at').nullable()
      table.dateTime('uninstalled_at').nullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id', 'module'])
    })
  }

  async down() {
    this.schema.dropTable('module_installations')
  }
}
