import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('teams', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('name', 120).notNullable()
      table.integer('leader_id').unsigned().nullable().references('id').inTable('users')
      // Money in integer minor units (céntimos) with its currency.
      table.bigint('monthly_target_minor').notNullable().defaultTo(0)
      table.string('currency', 3).notNullable().defaultTo('EUR')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id', 'name'])
      table.index(['leader_id'])
    })

    this.schema.createTable('team_members', (table) => {
      table.integer('team_id').unsigned().notNullable().references('id').inTable('teams')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.primary(['team_id', 'user_id'])
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable('team_members')
    this.schema.dropTable('teams')
  }
}
