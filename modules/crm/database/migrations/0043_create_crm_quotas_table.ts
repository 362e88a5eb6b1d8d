import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Sales quotas (targets): one row per organization, kind (user | team | zone | family), target
 * and year. The target is `user_id`, `team_id` or a list code (`target_code`: crm.zones or
 * crm.product_families); `target_key` ("user:5", "zone:norte") repeats it in one non-null column
 * so the unique index refuses duplicates on every database (NULLs never collide in a unique
 * index). Money in integer minor units of the organization's currency (`currency` kept beside
 * it); the monthly distribution is twelve columns whose sum equals `amount_minor` (validated by
 * the app). No ON DELETE: users and teams are deactivated, not deleted.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_quotas', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('kind', 10).notNullable()
      table.integer('user_id').unsigned().nullable().references('id').inTable('users')
      table.integer('team_id').unsigned().nullable().references('id').inTable('teams')
      table.string('target_code', 40).nullable()
      table.string('target_key', 60).notNullable()
      table.smallint('year').notNullable()
      table.string('currency', 3).notNullable()
      table.bigint('amount_minor').notNullable().defaultTo(0)
      for (let month = 1; month <= 12; month++)
        table
          .bigint(`m${String(month).padStart(2, '0')}_minor`)
          .notNullable()
          .defaultTo(0)
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()

      table.unique(['organization_id', 'kind', 'target_key', 'year'], {
        indexName: 'crm_quotas_target_year_unique',
      })
      // The page reads one year of an organization, by kind.
      table.index(['organization_id', 'year', 'kind', 'id'], 'crm_quotas_year_idx')
      table.index(['user_id'], 'crm_quotas_user_fk_idx')
      table.index(['team_id'], 'crm_quotas_team_fk_idx')
      table.index(['created_by'], 'crm_quotas_created_by_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_quotas')
  }
}
