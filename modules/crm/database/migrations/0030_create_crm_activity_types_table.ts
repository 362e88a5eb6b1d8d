import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Activity types of an organization (call, meeting, e-mail, task, visit…): configurable, with
 * an icon of the UI's set, a colour, default delay and duration, and an optional chained next
 * type (a done "call" schedules a "task" N days later). Defaults are seeded on first use.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_activity_types', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('code', 40).notNullable()
      table.string('name_es', 80).notNullable()
      table.string('name_en', 80).notNullable()
      table.string('icon', 40).notNullable()
      table.string('color', 20).notNullable()
      table.integer('default_delay_days').notNullable().defaultTo(0)
      table.integer('default_duration_min').notNullable().defaultTo(30)
      table
        .integer('next_type_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('crm_activity_types')
      table.integer('next_delay_days').nullable()
      table.integer('position').notNullable().defaultTo(0)
      table.boolean('active').notNullable().defaultTo(true)
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()

      table.unique(['organization_id', 'code'], { indexName: 'crm_act_types_org_code_uq' })
      table.index(['organization_id', 'position', 'id'], 'crm_act_types_org_pos_idx')
      table.index(['next_type_id'], 'crm_act_types_next_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_activity_types')
  }
}
