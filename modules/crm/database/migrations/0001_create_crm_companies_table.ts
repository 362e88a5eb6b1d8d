import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Companies. Portable to SQLite, MySQL/MariaDB and MS SQL: dateTime (not timestamp), no
 * cascading foreign keys, explicit short index names (MySQL caps them at 64 characters).
 * The NIF is unique per organization when present: the actions check it for a friendly
 * message and the database guarantees it. SQLite and MySQL unique indexes allow many NULLs;
 * MS SQL's treat NULLs as equal, so there the index is filtered to non-NULL values.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_companies', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('name', 200).notNullable()
      // Lowercase, accents removed: prefix search and a sort order that is the same everywhere.
      table.string('name_normalized', 200).notNullable()
      table.string('legal_name', 200).nullable()
      table.string('type', 20).notNullable()
      table.string('nif', 20).nullable()
      table.string('website', 255).nullable()
      table.string('industry', 40).nullable()
      table.integer('owner_id').unsigned().nullable().references('id').inTable('users')
      table.text('description').nullable()
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()

      table.index(['organization_id', 'name_normalized', 'id'], 'crm_companies_org_name_idx')
      table.index(
        ['organization_id', 'owner_id', 'name_normalized', 'id'],
        'crm_companies_org_owner_idx'
      )
      table.index(
        ['organization_id', 'type', 'name_normalized', 'id'],
        'crm_companies_org_type_idx'
      )
      table.index(
        ['organization_id', 'industry', 'name_normalized', 'id'],
        'crm_companies_org_industry_idx'
      )
      table.index(['organization_id', 'created_at', 'id'], 'crm_companies_org_created_idx')
      if (this.db.dialect.name !== 'mssql')
        table.unique(['organization_id', 'nif'], { indexName: 'crm_companies_org_nif_unique' })
      table.index(['owner_id'], 'crm_companies_owner_fk_idx')
      table.index(['created_by'], 'crm_companies_created_by_fk_idx')
    })
    if (this.db.dialect.name === 'mssql') {
      this.schema.raw(
        'CREATE UNIQUE INDEX crm_companies_org_nif_unique ON crm_companies (organization_id, nif) WHERE nif IS NOT NULL'
      )
    }
  }

  async down() {
    this.schema.dropTable('crm_companies')
  }
}
