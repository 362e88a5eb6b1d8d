import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The people a rule hands leads to, in order (round robin turns follow `position`): `weight`
 * for the weighted strategy, `capacity` = most open leads (new or working) the member may hold
 * (null = no limit), `territory` JSON ({ provinces, postcodes: [{ from, to }] }) for the
 * territory strategy, and `assigned_count`, the leads this rule gave the member (the weighted
 * strategy's deterministic share). Deleting a rule deletes its members first (no cascades).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_assignment_rule_members', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('rule_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('crm_assignment_rules')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.integer('position').notNullable().defaultTo(0)
      table.integer('weight').notNullable().defaultTo(1)
      table.integer('capacity').nullable()
      table.text('territory').nullable()
      table.integer('assigned_count').notNullable().defaultTo(0)
      table.unique(['rule_id', 'user_id'], { indexName: 'crm_asg_members_rule_user_uq' })
      table.index(['user_id'], 'crm_asg_members_user_fk_idx')
      table.index(['organization_id'], 'crm_asg_members_org_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_assignment_rule_members')
  }
}
