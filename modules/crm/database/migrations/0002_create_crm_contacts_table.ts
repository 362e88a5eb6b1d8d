import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Contacts (people), optionally at a company, with an org chart through reports_to_id (a
 * contact of the same company; cycles are refused by the actions). No ON DELETE actions:
 * deleting a company or a contact detaches the rows that point at it explicitly.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_contacts', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('company_id').unsigned().nullable().references('id').inTable('crm_companies')
      table.string('first_name', 100).notNullable()
      table.string('last_name', 150).nullable()
      table.string('name_normalized', 260).notNullable()
      // People are looked up by surname as often as by first name ("García").
      table.string('last_name_normalized', 150).nullable()
      table.string('position', 120).nullable()
      table.string('department', 120).nullable()
      table.integer('reports_to_id').unsigned().nullable().references('id').inTable('crm_contacts')
      table.integer('owner_id').unsigned().nullable().references('id').inTable('users')
      table.text('notes').nullable()
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()

      table.index(['organization_id', 'name_normalized', 'id'], 'crm_contacts_org_name_idx')
      table.index(
        ['organization_id', 'last_name_normalized', 'id'],
        'crm_contacts_org_last_name_idx'
      )
      table.index(
        ['organization_id', 'owner_id', 'name_normalized', 'id'],
        'crm_contacts_org_owner_idx'
      )
      table.index(
        ['organization_id', 'company_id', 'name_normalized', 'id'],
        'crm_contacts_org_company_idx'
      )
      table.index(['organization_id', 'created_at', 'id'], 'crm_contacts_org_created_idx')
      table.index(['company_id'], 'crm_contacts_company_fk_idx')
      table.index(['reports_to_id'], 'crm_contacts_reports_to_fk_idx')
      table.index(['owner_id'], 'crm_contacts_owner_fk_idx')
      table.index(['created_by'], 'crm_contacts_created_by_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_contacts')
  }
}
