import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Lead assignment rules (modules/crm/assignment): an ordered list per organization; the first
 * active rule whose conditions match a new lead decides who gets it. `conditions` is JSON
 * (sources, provinces, postcode ranges, sectors, sizes, product interests, languages: each an
 * allow-list, empty = any). `rr_pointer` is the round robin's next turn, read with a locking
 * read by each run so two concurrent imports never hand out the same turn. `team_id` is set on
 * the leads the rule assigns (optional). The run reads the active rules in order:
 * (organization_id, active, position).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_assignment_rules', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('name', 120).notNullable()
      table.integer('position').notNullable().defaultTo(0)
      table.boolean('active').notNullable().defaultTo(true)
      table.text('conditions').notNullable()
      table.string('strategy', 20).notNullable()
      table.integer('fixed_user_id').unsigned().nullable().references('id').inTable('users')
      table.integer('team_id').unsigned().nullable().references('id').inTable('teams')
      table.integer('rr_pointer').notNullable().defaultTo(0)
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.index(['organization_id', 'active', 'position'], 'crm_asg_rules_org_pos_idx')
      table.index(['fixed_user_id'], 'crm_asg_rules_fixed_user_fk_idx')
      table.index(['team_id'], 'crm_asg_rules_team_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_assignment_rules')
  }
}
