import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Pipeline stages: `team_id` NULL is the organization's default pipeline, used by every team
 * without stages of its own. `probability` (0–100) is the default of an opportunity entering
 * the stage; `is_won` / `is_lost` set its status. Process steps are an optional checklist per
 * stage (the rep ticks them on the opportunity). Portable: no cascades, short index names.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_pipeline_stages', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('team_id').unsigned().nullable().references('id').inTable('teams')
      table.string('name', 80).notNullable()
      table.smallint('probability').notNullable().defaultTo(0)
      table.boolean('folded').notNullable().defaultTo(false)
      table.boolean('is_won').notNullable().defaultTo(false)
      table.boolean('is_lost').notNullable().defaultTo(false)
      table.integer('position').notNullable().defaultTo(0)
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.index(['organization_id', 'team_id', 'position'], 'crm_stages_org_team_idx')
      table.index(['team_id'], 'crm_stages_team_fk_idx')
    })

    this.schema.createTable('crm_pipeline_steps', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('stage_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('crm_pipeline_stages')
      table.string('name', 120).notNullable()
      table.integer('position').notNullable().defaultTo(0)
      table.dateTime('created_at').notNullable()
      table.index(['organization_id', 'stage_id', 'position'], 'crm_steps_org_stage_idx')
      table.index(['stage_id'], 'crm_steps_stage_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_pipeline_steps')
    this.schema.dropTable('crm_pipeline_stages')
  }
}
