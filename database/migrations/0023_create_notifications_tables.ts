import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * In-app notifications (one row per recipient) and each user's e-mail choice per kind.
 * The message is stored as an i18n key + params and rendered in the reader's language.
 * `email` is the delivery decided when the row was written (off, immediate, digest);
 * `emailed_at` is set when a mail took it (immediate) or a digest claimed it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('notifications', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.integer('user_id').unsigned().notNullable()
      table.string('kind', 100).notNullable()
      table.string('message_key', 190).notNullable()
      table.text('message_params').nullable()
      table.string('subject_key', 190).nullable()
      table.string('link', 500).nullable()
      table.string('email', 12).notNullable().defaultTo('off')
      table.dateTime('emailed_at').nullable()
      table.dateTime('read_at').nullable()
      table.dateTime('created_at').notNullable()
      // No cascades (SQL Server refuses multiple cascade paths): users are deactivated, not deleted.
      table.foreign('user_id').references('users.id')
      table.foreign('organization_id').references('organizations.id')
      // The bell's list (newest first, keyset on id) and its unread count.
      table.index(['user_id', 'id'])
      table.index(['user_id', 'read_at'])
      // The daily digest: pending digest rows.
      table.index(['email', 'emailed_at'])
    })

    this.schema.createTable('notification_preferences', (table) => {
      table.integer('user_id').unsigned().notNullable()
      table.string('kind', 100).notNullable()
      table.string('email', 12).notNullable()
      table.primary(['user_id', 'kind'])
      table.foreign('user_id').references('users.id')
    })
  }

  async down() {
    this.schema.dropTable('notification_preferences')
    this.schema.dropTable('notifications')
  }
}
