import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('roles', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('name', 80).notNullable()
      table.string('description', 255).nullable()
      table.boolean('is_admin').notNullable().defaultTo(false)
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id', 'name'])
    })

    this.schema.createTable('role_permissions', (table) => {
      table.integer('role_id').unsigned().notNullable().references('id').inTable('roles')
      table.string('permission', 120).notNullable()
      table.primary(['role_id', 'permission'])
    })

    this.schema.createTable('role_scopes', (table) => {
      table.integer('role_id').unsigned().notNullable().references('id').inTable('roles')
      table.string('resource', 120).notNullable()
      table.string('scope', 16).notNullable()
      table.primary(['role_id', 'resource'])
    })

    this.schema.createTable('user_roles', (table) => {
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.integer('role_id').unsigned().notNullable().references('id').inTable('roles')
      table.primary(['user_id', 'role_id'])
      table.index(['role_id'])
    })
  }

  async down() {
    this.schema.dropTable('user_roles')
    this.schema.dropTable('role_scopes')
    this.schema.dropTable('role_permissions')
    this.schema.dropTable('roles')
  }
}
