import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Alert rules on measures and the alerts they raise. A rule has a kind (quota_under,
 * overdue_activities, quiet_account), its parameters (JSON), the roles it notifies (JSON list of
 * role ids) and an optional task. An alert is one subject (a user, a company) failing a rule in
 * one generation (the month, the day): UNIQUE (rule, subject, generation) lets two workers
 * evaluate at once and alert once. `owner_id` is the user the subject belongs to (the rep, the
 * company's owner): the record scope of who may see the alert.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('analytics_alert_rules', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('name', 120).notNullable()
      table.string('kind', 30).notNullable()
      table.boolean('enabled').notNullable().defaultTo(true)
      table.text('params').notNullable()
      table.text('recipient_roles').notNullable()
      table.boolean('create_task').notNullable().defaultTo(false)
      table.string('task_type', 40).nullable()
      table.smallint('task_due_days').nullable()
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.index(['organization_id', 'enabled', 'id'], 'analytics_alert_rules_org_idx')
      table.index(['created_by'], 'analytics_alert_rules_created_by_idx')
    })

    this.schema.createTable('analytics_alerts', (table) => {
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
        .inTable('analytics_alert_rules')
      table.string('subject_type', 40).notNullable()
      table.integer('subject_id').unsigned().notNullable()
      table.string('generation', 20).notNullable()
      table.integer('owner_id').unsigned().nullable().references('id').inTable('users')
      table.text('params').notNullable()
      table.string('link', 300).nullable()
      table.string('status', 10).notNullable().defaultTo('open')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.dateTime('resolved_at').nullable()
      table.unique(['rule_id', 'subject_type', 'subject_id', 'generation'], {
        indexName: 'analytics_alerts_generation_uq',
      })
      // The list and the banner: an organization's alerts by state, newest first.
      table.index(['organization_id', 'status', 'id'], 'analytics_alerts_status_idx')
      table.index(['rule_id', 'status'], 'analytics_alerts_rule_status_idx')
      table.index(['owner_id'], 'analytics_alerts_owner_idx')
    })
  }

  async down() {
    this.schema.dropTable('analytics_alerts')
    this.schema.dropTable('analytics_alert_rules')
  }
}
