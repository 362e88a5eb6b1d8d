import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Web forms (CRM › Formularios web): a public form per campaign or page that creates leads. The
 * token names the form in its public URL (random, unique); `fields` is the JSON list of lead
 * fields it asks for. The counters say how many leads it brought and how many bot posts its
 * honeypot caught (kept here, not as leads: spam is never stored).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_web_forms', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('name', 120).notNullable()
      table.string('token', 64).notNullable()
      table.string('default_source', 40).nullable()
      table.integer('team_id').unsigned().nullable().references('id').inTable('teams')
      table.text('fields').notNullable()
      table.text('thank_you_text').nullable()
      table.string('redirect_url', 500).nullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.integer('submissions').notNullable().defaultTo(0)
      table.integer('spam_caught').notNullable().defaultTo(0)
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['token'], { indexName: 'crm_web_forms_token_unique' })
      table.index(['organization_id', 'name', 'id'], 'crm_web_forms_org_name_idx')
      table.index(['team_id'], 'crm_web_forms_team_fk_idx')
      table.index(['created_by'], 'crm_web_forms_created_by_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_web_forms')
  }
}
