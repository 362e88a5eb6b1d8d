import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Every assignment of a lead and why: the rule that chose (its name and strategy as they were,
 * so a later edit does not rewrite history), the user (null = left in the queue), whether it
 * was the fallback, the reason (an i18n key with parameters) and the candidates with why each
 * was skipped, both JSON. Written in multi-row inserts by a run; the lead page reads the
 * latest by (lead_id, id). `rule_id` carries no foreign key: a deleted rule keeps its history.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_lead_assignments', (table) => {
      table.bigIncrements('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('lead_id').unsigned().notNullable().references('id').inTable('crm_leads')
      table.integer('rule_id').unsigned().nullable()
      table.string('rule_name', 120).nullable()
      table.string('strategy', 20).nullable()
      table.integer('user_id').unsigned().nullable().references('id').inTable('users')
      table.boolean('fallback').notNullable().defaultTo(false)
      table.text('reason').notNullable()
      table.text('candidates').notNullable()
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.index(['lead_id', 'id'], 'crm_lead_asg_lead_idx')
      table.index(['organization_id', 'created_at'], 'crm_lead_asg_org_created_idx')
      table.index(['user_id'], 'crm_lead_asg_user_fk_idx')
      table.index(['created_by'], 'crm_lead_asg_created_by_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_lead_assignments')
  }
}
