import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Mail written from a record, queued for sending: the sending job moves it from queued to
 * sent (with the stored message's id) or failed (with the SMTP error, retried with backoff).
 * Addresses are JSON arrays of { address, name }. No ON DELETE actions (SQL Server).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('mail_outbox', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('mailbox_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('mail_mailboxes')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.string('record_type', 40).notNullable()
      table.integer('record_id').unsigned().notNullable()
      table.integer('reply_to_message_id').unsigned().nullable()
      table.text('to_json').notNullable()
      table.text('cc_json').nullable()
      table.text('bcc_json').nullable()
      table.string('subject', 500).notNullable()
      table.text('body').notNullable()
      table.string('message_id', 255).notNullable()
      table.string('status', 10).notNullable().defaultTo('queued')
      table.integer('attempts').unsigned().notNullable().defaultTo(0)
      table.text('error').nullable()
      table.integer('sent_message_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id', 'status'], 'mail_outbox_org_status_idx')
      table.index(['record_type', 'record_id'], 'mail_outbox_record_idx')
    })
  }

  async down() {
    this.schema.dropTable('mail_outbox')
  }
}
