import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * An opportunity's contacts (each with a role from the editable list `crm.contact_roles`), its
 * competitors (companies of type competidor, with strengths and weaknesses) and the process
 * steps ticked on it. Rows are replaced with their opportunity; no cascades (portable).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_opportunity_contacts', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('opportunity_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('crm_opportunities')
      table.integer('contact_id').unsigned().notNullable().references('id').inTable('crm_contacts')
      table.string('role', 40).nullable()
      table.unique(['opportunity_id', 'contact_id'], { indexName: 'crm_opp_contacts_unique' })
      table.index(['contact_id'], 'crm_opp_contacts_contact_idx')
      table.index(['organization_id'], 'crm_opp_contacts_org_idx')
    })

    this.schema.createTable('crm_opportunity_competitors', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('opportunity_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('crm_opportunities')
      table.integer('company_id').unsigned().notNullable().references('id').inTable('crm_companies')
      table.string('strengths', 500).nullable()
      table.string('weaknesses', 500).nullable()
      table.unique(['opportunity_id', 'company_id'], { indexName: 'crm_opp_competitors_unique' })
      table.index(['company_id'], 'crm_opp_competitors_co_idx')
      table.index(['organization_id'], 'crm_opp_competitors_org_idx')
    })

    this.schema.createTable('crm_opportunity_steps', (table) => {
      table
        .integer('opportunity_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('crm_opportunities')
      table
        .integer('step_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('crm_pipeline_steps')
      table.integer('organization_id').unsigned().notNullable()
      table.integer('done_by').unsigned().nullable()
      table.dateTime('done_at').notNullable()
      table.primary(['opportunity_id', 'step_id'], 'crm_opp_steps_pk')
      table.index(['step_id'], 'crm_opp_steps_step_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_opportunity_steps')
    this.schema.dropTable('crm_opportunity_competitors')
    this.schema.dropTable('crm_opportunity_contacts')
  }
}
