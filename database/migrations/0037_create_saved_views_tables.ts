import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Saved views of a list (app/views): a name and the list's query string (filters, sort,
 * columns, density, rows per page) for one resource, owned by a user, private or shared with
 * roles and/or teams (`saved_view_shares`; shared with none of them = the whole organization).
 * No cascades (SQL Server refuses multiple cascade paths): deleting a view deletes its rows.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('saved_views', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.string('resource', 120).notNullable()
      table.integer('owner_id').unsigned().notNullable()
      table.string('name', 60).notNullable()
      // Lowercase, no accents: one name per owner and resource, whatever its spelling.
      table.string('name_normalized', 60).notNullable()
      table.string('state', 2000).notNullable().defaultTo('')
      table.string('visibility', 12).notNullable().defaultTo('private')
      table.integer('position').notNullable().defaultTo(0)
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.foreign('organization_id').references('organizations.id')
      table.foreign('owner_id').references('users.id')
      table.unique(['owner_id', 'resource', 'name_normalized'])
      // The tabs of a list: the organization's shared views of a resource.
      table.index(['organization_id', 'resource', 'visibility'])
    })

    this.schema.createTable('saved_view_shares', (table) => {
      table.increments('id')
      table.integer('view_id').unsigned().notNullable()
      table.integer('role_id').unsigned().nullable()
      table.integer('team_id').unsigned().nullable()
      table.foreign('view_id').references('saved_views.id')
      table.foreign('role_id').references('roles.id')
      table.foreign('team_id').references('teams.id')
      table.index(['view_id'])
      table.index(['role_id'])
      table.index(['team_id'])
    })
  }

  async down() {
    this.schema.dropTable('saved_view_shares')
    this.schema.dropTable('saved_views')
  }
}
