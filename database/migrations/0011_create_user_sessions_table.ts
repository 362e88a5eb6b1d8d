import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per signed-in browser session. The session cookie carries only the row's random id;
 * logout, "sign out on all devices", a password change and deactivation set `revoked_at`, so a
 * copied cookie stops working on the server even though the cookie store itself holds the data.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('user_sessions', (table) => {
      table.string('id', 64).notNullable().primary()
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('last_seen_at').notNullable()
      table.string('user_agent', 255).nullable()
      table.string('ip', 64).nullable()
      table.dateTime('revoked_at').nullable()
      table.string('revoked_reason', 32).nullable()
      table.index(['user_id', 'revoked_at'])
    })
  }

  async down() {
    this.schema.dropTable('user_sessions')
  }
}
