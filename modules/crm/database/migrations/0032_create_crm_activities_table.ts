import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Planned and done activities. Scoped by `assignee_id` (the record scope's owner column).
 * `rule_key` identifies activities created by a machine (an automatic rule, a recurrence): the
 * unique index makes a second creation fail instead of duplicating, whatever the number of
 * workers. Manual activities leave it null (MS SQL: a filtered index, as it allows one NULL only).
 */
export default class extends BaseSchema {
  async up() {
    const mssql = this.db.dialect.name === 'mssql'
    this.schema.createTable('crm_activities', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('type_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('crm_activity_types')
      table.string('subject_type', 40).nullable()
      table.integer('subject_id').unsigned().nullable()
      table.string('title', 200).notNullable()
      table.text('notes').nullable()
      table.dateTime('due_at').notNullable()
      table.boolean('all_day').notNullable().defaultTo(false)
      table.integer('duration_min').notNullable().defaultTo(30)
      table.integer('assignee_id').unsigned().nullable().references('id').inTable('users')
      // open | done | cancelled
      table.string('status', 12).notNullable().defaultTo('open')
      table.dateTime('done_at').nullable()
      table.text('outcome').nullable()
      table
        .integer('recurrence_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('crm_activity_recurrences')
      table.string('rule_key', 120).nullable()
      table.dateTime('remind_at').nullable()
      table.dateTime('reminded_at').nullable()
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()

      // "Mis actividades": mine, by state, by due date (keyset on due_at, id).
      table.index(
        ['organization_id', 'assignee_id', 'status', 'due_at', 'id'],
        'crm_act_org_assignee_due_idx'
      )
      // A record's panel.
      table.index(
        ['organization_id', 'subject_type', 'subject_id', 'due_at'],
        'crm_act_org_subject_idx'
      )
      // Calendar ranges (team and whole organization).
      table.index(['organization_id', 'due_at', 'id'], 'crm_act_org_due_idx')
      // The reminder schedule: open ones whose time has come and that were not sent.
      table.index(['status', 'reminded_at', 'remind_at'], 'crm_act_remind_idx')
      table.index(['type_id'], 'crm_act_type_fk_idx')
      table.index(['assignee_id'], 'crm_act_assignee_fk_idx')
      table.index(['recurrence_id'], 'crm_act_recurrence_fk_idx')
      table.index(['created_by'], 'crm_act_created_by_fk_idx')
      if (!mssql)
        table.unique(['organization_id', 'rule_key'], { indexName: 'crm_act_org_rule_key_uq' })
    })
    if (mssql) {
      this.schema.raw(
        'CREATE UNIQUE INDEX crm_act_org_rule_key_uq ON crm_activities (organization_id, rule_key) ' +
          'WHERE rule_key IS NOT NULL'
      )
    }
  }

  async down() {
    this.schema.dropTable('crm_activities')
  }
}
