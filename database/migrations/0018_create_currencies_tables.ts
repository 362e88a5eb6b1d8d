import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * An organization's currencies (ISO 4217 code, symbol, decimals) and their manual exchange
 * rates to its default currency. Exactly one default per organization, kept by the settings
 * service and mirrored in `organizations.currency`. A rate is a decimal string ("1.0825": one
 * unit of `currency` in units of `base`, the default when it was entered), never a float,
 * valid from `effective_on`; rates of an earlier default stay as history.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('currencies', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('code', 3).notNullable()
      table.string('symbol', 8).notNullable()
      table.smallint('decimals').notNullable().defaultTo(2)
      table.boolean('is_default').notNullable().defaultTo(false)
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id', 'code'])
    })

    this.schema.createTable('exchange_rates', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('currency', 3).notNullable()
      table.string('base', 3).notNullable()
      table.string('rate', 32).notNullable()
      table.date('effective_on').notNullable()
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.unique(['organization_id', 'currency', 'base', 'effective_on'])
    })
  }

  async down() {
    this.schema.dropTable('exchange_rates')
    this.schema.dropTable('currencies')
  }
}
