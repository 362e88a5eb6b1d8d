import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Opportunities. Money in integer minor units with its currency; `amount_org_minor` is the
 * amount in the organization's currency at `exchange_rate` (stored as a decimal string, never a
 * float) so that board sums are one SQL SUM; `weighted_org_minor` = amount_org × probability.
 * `lead_id` and `campaign_id` are plain integers (the lead may be purged; campaigns come with
 * the marketing module). The board reads per (organization, team, stage, status) in keyset
 * order (stage_entered_at is not used for paging: id is); lists filter by owner, close date,
 * company. `deleted_at` right after the equality columns (see 0009).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_opportunities', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('name', 200).notNullable()
      table.string('name_normalized', 200).notNullable()
      table.integer('company_id').unsigned().nullable().references('id').inTable('crm_companies')
      table.integer('lead_id').unsigned().nullable()
      table
        .integer('stage_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('crm_pipeline_stages')
      table.integer('team_id').unsigned().nullable().references('id').inTable('teams')
      table.integer('owner_id').unsigned().nullable().references('id').inTable('users')
      table.bigint('amount_minor').notNullable().defaultTo(0)
      table.string('currency', 3).notNullable()
      table.bigint('amount_org_minor').notNullable().defaultTo(0)
      table.string('exchange_rate', 24).notNullable().defaultTo('1')
      table.bigint('weighted_org_minor').notNullable().defaultTo(0)
      table.smallint('probability').notNullable().defaultTo(0)
      table.date('expected_close_on').nullable()
      table.smallint('priority').notNullable().defaultTo(0)
      table.string('source', 40).nullable()
      table.integer('campaign_id').unsigned().nullable()
      table.string('lost_reason', 40).nullable()
      table.string('lost_note', 500).nullable()
      table.string('status', 10).notNullable().defaultTo('open')
      table.dateTime('won_at').nullable()
      table.dateTime('lost_at').nullable()
      table.dateTime('stage_entered_at').notNullable()
      table.text('description').nullable()
      table.dateTime('deleted_at').nullable()
      table.integer('deleted_by').unsigned().nullable()
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()

      // Board: a column is (stage, status) under a team; owner-scoped reads use the owner index.
      table.index(
        ['organization_id', 'stage_id', 'deleted_at', 'status', 'id'],
        'crm_opps_board_idx'
      )
      table.index(
        ['organization_id', 'owner_id', 'stage_id', 'deleted_at', 'id'],
        'crm_opps_owner_stage_idx'
      )
      table.index(['organization_id', 'team_id', 'deleted_at', 'id'], 'crm_opps_team_idx')
      table.index(['organization_id', 'deleted_at', 'name_normalized', 'id'], 'crm_opps_name_idx')
      table.index(['organization_id', 'deleted_at', 'created_at', 'id'], 'crm_opps_created_idx')
      table.index(
        ['organization_id', 'deleted_at', 'expected_close_on', 'id'],
        'crm_opps_close_idx'
      )
      table.index(['organization_id', 'status', 'deleted_at', 'id'], 'crm_opps_status_idx')
      table.index(['organization_id', 'company_id', 'deleted_at', 'id'], 'crm_opps_company_idx')
      table.index(['organization_id', 'lead_id'], 'crm_opps_lead_idx')
      table.index(['company_id'], 'crm_opps_company_fk_idx')
      table.index(['stage_id'], 'crm_opps_stage_fk_idx')
      table.index(['team_id'], 'crm_opps_team_fk_idx')
      table.index(['owner_id'], 'crm_opps_owner_fk_idx')
      table.index(['created_by'], 'crm_opps_created_by_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_opportunities')
  }
}
