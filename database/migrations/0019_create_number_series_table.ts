import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Number series of later documents (quotes, invoices…): one counter row per organization and
 * key, advanced by a single atomic UPDATE (app/settings/number_series.ts) so two concurrent
 * callers never get the same number. `current_year` is the year of the last number given; a
 * series with `reset_yearly` starts again at 1 when a number is asked for a later year.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('number_series', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('key', 60).notNullable()
      table.string('name', 120).notNullable()
      table.string('prefix', 40).notNullable().defaultTo('')
      table.smallint('padding').notNullable().defaultTo(4)
      table.bigint('next_number').notNullable().defaultTo(1)
      table.boolean('reset_yearly').notNullable().defaultTo(true)
      table.integer('current_year').nullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id', 'key'])
    })
  }

  async down() {
    this.schema.dropTable('number_series')
  }
}
