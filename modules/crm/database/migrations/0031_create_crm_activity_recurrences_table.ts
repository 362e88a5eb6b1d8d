import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * A recurring activity on a record (a monthly visit to an account): a schedule creates the
 * next occurrence when `next_due_at` comes near; each occurrence carries the rule key
 * `rec:<id>:<due>` so it is never created twice.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_activity_recurrences', (table) => {
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
      table.string('subject_type', 40).notNullable()
      table.integer('subject_id').unsigned().notNullable()
      table.string('title', 200).notNullable()
      table.integer('assignee_id').unsigned().nullable().references('id').inTable('users')
      // daily | weekly | monthly
      table.string('frequency', 10).notNullable()
      table.integer('interval').notNullable().defaultTo(1)
      table.dateTime('until').nullable()
      table.dateTime('next_due_at').nullable()
      table.boolean('all_day').notNullable().defaultTo(false)
      table.integer('duration_min').notNullable().defaultTo(30)
      table.boolean('active').notNullable().defaultTo(true)
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()

      table.index(['active', 'next_due_at', 'id'], 'crm_act_rec_next_idx')
      table.index(['organization_id', 'subject_type', 'subject_id'], 'crm_act_rec_subject_idx')
      table.index(['type_id'], 'crm_act_rec_type_fk_idx')
      table.index(['assignee_id'], 'crm_act_rec_assignee_fk_idx')
      table.index(['created_by'], 'crm_act_rec_created_by_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_activity_recurrences')
  }
}
