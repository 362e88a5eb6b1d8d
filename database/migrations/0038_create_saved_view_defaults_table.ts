import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Each user's default saved view per resource (app/views): the list opened without a query
 * string shows it. A default the user may no longer see (unshared, deleted) is ignored.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('saved_view_defaults', (table) => {
      table.integer('user_id').unsigned().notNullable()
      table.string('resource', 120).notNullable()
      table.integer('organization_id').unsigned().notNullable()
      table.integer('view_id').unsigned().notNullable()
      table.primary(['user_id', 'resource'])
      table.foreign('user_id').references('users.id')
      table.foreign('organization_id').references('organizations.id')
      table.foreign('view_id').references('saved_views.id')
      table.index(['view_id'])
    })
  }

  async down() {
    this.schema.dropTable('saved_view_defaults')
  }
}
