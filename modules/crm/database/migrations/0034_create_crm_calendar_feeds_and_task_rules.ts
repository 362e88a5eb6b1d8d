import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Calendar feeds: a user's secret ICS address, stored as a SHA-256 hash only (the URL is shown
 * once); revoking sets revoked_at and the address answers 404.
 * Task rules: automatic activities on events or conditions (an opportunity entering a stage,
 * an idle opportunity, an unassigned lead), evaluated by a schedule; what they create carries
 * a rule key (`rule:<id>:…`) unique per organization.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_calendar_feeds', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.string('token_hash', 64).notNullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('revoked_at').nullable()

      table.unique(['token_hash'], { indexName: 'crm_cal_feeds_token_uq' })
      table.index(['user_id', 'revoked_at'], 'crm_cal_feeds_user_idx')
      table.index(['organization_id'], 'crm_cal_feeds_org_fk_idx')
    })
    this.schema.createTable('crm_task_rules', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('name', 120).notNullable()
      // opportunity_stage_entered | opportunity_idle | lead_unassigned
      table.string('trigger', 40).notNullable()
      table.integer('stage_id').unsigned().nullable()
      table.integer('days').nullable()
      table.integer('hours').nullable()
      table.integer('type_id').unsigned().nullable().references('id').inTable('crm_activity_types')
      table.string('title', 200).nullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.integer('position').notNullable().defaultTo(0)
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()

      table.index(['organization_id', 'active', 'trigger'], 'crm_task_rules_org_idx')
      table.index(['type_id'], 'crm_task_rules_type_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_task_rules')
    this.schema.dropTable('crm_calendar_feeds')
  }
}
