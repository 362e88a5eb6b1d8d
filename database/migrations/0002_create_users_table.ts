import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('users', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('full_name', 160).notNullable()
      table.string('email', 254).notNullable().unique()
      table.string('password', 255).notNullable()
      table.boolean('is_active').notNullable().defaultTo(true)
      table.string('locale', 5).notNullable().defaultTo('es')
      table.string('timezone', 64).notNullable().defaultTo('Europe/Madrid')
      table.integer('reports_to_id').unsigned().nullable().references('id').inTable('users')
      table.dateTime('last_login_at').nullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.index(['organization_id', 'full_name'])
      table.index(['reports_to_id'])
    })
  }

  async down() {
    this.schema.dropTable('users')
  }
}
