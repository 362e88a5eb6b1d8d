import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Per-organization, per-module webhook secrets (app/public/webhook_secrets.ts): the HMAC key a
 * sender signs its requests with, stored encrypted with the app key.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('webhook_secrets', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('module', 40).notNullable()
      table.string('name', 60).notNullable()
      table.text('secret').notNullable()
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id', 'module', 'name'])
    })
  }

  async down() {
    this.schema.dropTable('webhook_secrets')
  }
}
