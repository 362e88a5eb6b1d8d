import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * A company's group (parent company), zone, status and size, the competitor notes shown by the
 * "Competidores" view, and its extra sectors (the main one stays in `industry`). Codes of the
 * organization's editable lists (crm.zones, crm.company_statuses, crm.company_sizes).
 * `parent_id` has no foreign key, like `deleted_by` (0009): adding one makes knex rebuild the
 * SQLite table; the actions check it (same organization, no cycles). Each filter gets its
 * "live" index (organization, value, deleted_at, name, id) so the list pages by keyset on it.
 */
const FILTERS = {
  crm_companies_live_parent_idx: 'parent_id',
  crm_companies_live_zone_idx: 'zone',
  crm_companies_live_status_idx: 'status',
  crm_companies_live_size_idx: 'size',
} as const

export default class extends BaseSchema {
  static disableTransactions = true

  async up() {
    this.schema.alterTable('crm_companies', (table) => {
      table.integer('parent_id').unsigned().nullable()
      table.string('zone', 40).nullable()
      table.string('status', 40).nullable()
      table.string('size', 40).nullable()
      table.text('strengths').nullable()
      table.text('weaknesses').nullable()
      for (const [name, column] of Object.entries(FILTERS))
        table.index(['organization_id', column, 'deleted_at', 'name_normalized', 'id'], name)
    })
    this.schema.createTable('crm_company_industries', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      // No foreign key to the company: like its addresses' rows, the actions delete these with
      // it, and bulk deletes (an import's undo, the bin's purge) need no ordering.
      table.integer('company_id').unsigned().notNullable()
      table.string('industry', 40).notNullable()
      table.unique(['company_id', 'industry'], { indexName: 'crm_company_industries_unique' })
      // The "sector" filter: companies with this extra sector.
      table.index(['organization_id', 'industry', 'company_id'], 'crm_company_industries_org_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_company_industries')
    this.schema.alterTable('crm_companies', (table) => {
      for (const [name, column] of Object.entries(FILTERS))
        table.dropIndex(['organization_id', column, 'deleted_at', 'name_normalized', 'id'], name)
    })
    this.schema.alterTable('crm_companies', (table) => {
      for (const column of ['parent_id', 'zone', 'status', 'size', 'strengths', 'weaknesses'])
        table.dropColumn(column)
    })
  }
}
