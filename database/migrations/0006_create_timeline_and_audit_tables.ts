import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('timeline_events', (table) => {
      table.bigIncrements('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('subject_type', 60).notNullable()
      table.bigint('subject_id').notNullable()
      table.string('kind', 40).notNullable()
      table.integer('actor_id').unsigned().nullable().references('id').inTable('users')
      table.text('data').nullable()
      table.dateTime('created_at').notNullable()
      table.index(['organization_id', 'subject_type', 'subject_id', 'id'], 'timeline_subject_idx')
    })

    this.schema.createTable('audit_logs', (table) => {
      table.bigIncrements('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('actor_id').unsigned().nullable().references('id').inTable('users')
      table.string('subject_type', 60).notNullable()
      table.bigint('subject_id').notNullable()
      table.string('action', 16).notNullable()
      table.string('field', 80).nullable()
      table.text('old_value').nullable()
      table.text('new_value').nullable()
      table.dateTime('created_at').notNullable()
      table.index(['organization_id', 'id'], 'audit_org_idx')
      table.index(['organization_id', 'subject_type', 'subject_id'], 'audit_subject_idx')
      table.index(['organization_id', 'actor_id'], 'audit_actor_idx')
    })
  }

  async down() {
    this.schema.dropTable('audit_logs')
    this.schema.dropTable('timeline_events')
  }
}
