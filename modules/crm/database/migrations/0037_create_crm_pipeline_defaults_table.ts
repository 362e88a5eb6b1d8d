import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * One row per organization whose default pipeline (crm_pipeline_stages with team_id NULL) has
 * been created: the unique key that makes "create the default stages on first read" safe when
 * two first reads race (support/opportunities_stages.ts). A unique key on the stages themselves
 * cannot do it portably: team_id is NULL there, and MariaDB lets NULLs repeat in a unique key
 * while MS SQL allows a single one. Organizations that already have default stages get their
 * row here.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_pipeline_defaults', (table) => {
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.dateTime('created_at').notNullable()
      table.primary(['organization_id'], 'crm_pipeline_defaults_pk')
    })

    this.defer(async (client) => {
      const rows = await client
        .from('crm_pipeline_stages')
        .whereNull('team_id')
        .distinct('organization_id')
      const now = new Date().toISOString().slice(0, 19).replace('T', ' ')
      for (let i = 0; i < rows.length; i += 500)
        await client.table('crm_pipeline_defaults').multiInsert(
          rows.slice(i, i + 500).map((r) => ({
            organization_id: Number(r.organization_id),
            created_at: now,
          }))
        )
    })
  }

  async down() {
    this.schema.dropTable('crm_pipeline_defaults')
  }
}
