import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Files attached to a mail written from a record, stored on the drive before the mail is queued
 * so that every attempt of the sending job re-reads them. `stored_key` is cleared once the sent
 * copy is captured (it then carries the files as its own attachments). No ON DELETE actions.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('mail_outbox_attachments', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.integer('outbox_id').unsigned().notNullable().references('id').inTable('mail_outbox')
      table.integer('position').unsigned().notNullable()
      table.string('filename', 255).notNullable()
      table.string('content_type', 255).notNullable()
      table.bigInteger('size').unsigned().notNullable()
      table.string('stored_key', 255).nullable()
      table.string('sha256', 64).notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['outbox_id', 'position'], 'mail_outbox_att_outbox_idx')
    })
  }

  async down() {
    this.schema.dropTable('mail_outbox_attachments')
  }
}
