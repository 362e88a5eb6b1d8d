import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('organizations', (table) => {
      table.increments('id')
      table.string('name', 200).notNullable()
      table.string('slug', 80).notNullable().unique()
      table.string('nif', 20).nullable()
      table.string('default_locale', 5).notNullable().defaultTo('es')
      table.string('timezone', 64).notNullable().defaultTo('Europe/Madrid')
      table.string('currency', 3).notNullable().defaultTo('EUR')
      // The deployment's licence covers every organization; only the host organization's
      // administrators may replace it (a provider's tenants may not).
      table.boolean('manages_licence').notNullable().defaultTo(false)
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('organizations')
  }
}
