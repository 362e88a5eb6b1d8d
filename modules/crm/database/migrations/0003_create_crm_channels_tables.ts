import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Addresses (of companies), phones and e-mails (of a company or of a contact). Phones and
 * e-mails of both parents share one table each so a single index on the normalized value
 * finds duplicates across companies and contacts (future dedupe, mail auto-linking); exactly
 * one of company_id / contact_id is set (CHECK constraint, enforced by all three databases).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_addresses', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('company_id').unsigned().notNullable().references('id').inTable('crm_companies')
      table.string('kind', 10).notNullable()
      table.string('street', 200).nullable()
      table.string('postal_code', 10).nullable()
      table.string('city', 100).nullable()
      table.string('city_normalized', 100).nullable()
      table.string('province', 60).nullable()
      table.string('country', 2).notNullable().defaultTo('ES')
      table.smallint('position').notNullable().defaultTo(0)
      table.index(['company_id', 'position'], 'crm_addresses_company_idx')
      table.index(['organization_id', 'province', 'company_id'], 'crm_addresses_org_province_idx')
      table.index(
        ['organization_id', 'city_normalized', 'company_id'],
        'crm_addresses_org_city_idx'
      )
    })

    for (const name of ['crm_phones', 'crm_emails'] as const) {
      this.schema.createTable(name, (table) => {
        table.increments('id')
        table
          .integer('organization_id')
          .unsigned()
          .notNullable()
          .references('id')
          .inTable('organizations')
        table.integer('company_id').unsigned().nullable().references('id').inTable('crm_companies')
        table.integer('contact_id').unsigned().nullable().references('id').inTable('crm_contacts')
        table.string('label', 40).nullable()
        table.string('value', 254).notNullable()
        // E-mail lowercased; phone as +<digits>: what duplicate checks and exact search compare.
        table.string('value_normalized', 254).notNullable()
        table.boolean('is_primary').notNullable().defaultTo(false)
        table.smallint('position').notNullable().defaultTo(0)
        table.check(
          '(company_id IS NULL AND contact_id IS NOT NULL) OR (company_id IS NOT NULL AND contact_id IS NULL)',
          [],
          `${name}_parent_check`
        )
        table.index(['company_id', 'position'], `${name}_company_idx`)
        table.index(['contact_id', 'position'], `${name}_contact_idx`)
        table.index(['organization_id', 'value_normalized'], `${name}_org_value_idx`)
      })
    }
  }

  async down() {
    this.schema.dropTable('crm_emails')
    this.schema.dropTable('crm_phones')
    this.schema.dropTable('crm_addresses')
  }
}
