import { BaseSchema } from '@adonisjs/lucid/schema'

/** The last column mapping used per organization and resource: header (normalized) → field. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('import_mappings', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('resource', 60).notNullable()
      table.text('mapping').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id', 'resource'], { indexName: 'import_mappings_org_res_unique' })
    })
  }

  async down() {
    this.schema.dropTable('import_mappings')
  }
}
