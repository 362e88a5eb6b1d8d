import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Saved pivot reports (Analítica › Informes): a pivot builder's state (view, Cube query,
 * pivot layout, chart) kept by its owner, and the roles it is shared with. Names are unique
 * per owner; the list reads an organization's reports by owner and by shared role.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('analytics_reports', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('owner_id').unsigned().notNullable().references('id').inTable('users')
      table.string('name', 120).notNullable()
      table.string('description', 500).nullable()
      table.string('view', 120).notNullable()
      table.text('query').notNullable()
      table.text('pivot_config').notNullable()
      table.string('chart_type', 10).notNullable().defaultTo('table')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id', 'owner_id', 'name'])
    })

    this.schema.createTable('analytics_report_roles', (table) => {
      table
        .integer('report_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('analytics_reports')
      // A kernel role's id, without a constraint (roles are the kernel's private table).
      table.integer('role_id').unsigned().notNullable()
      table.primary(['report_id', 'role_id'])
      table.index(['role_id'])
    })
  }

  async down() {
    this.schema.dropTable('analytics_report_roles')
    this.schema.dropTable('analytics_reports')
  }
}
