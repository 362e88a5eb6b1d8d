import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Capture rules (per mailbox, or every mailbox when mailbox_id is null), the blocklist of
 * senders/domains, and users' personal folders (labels) for captured mail.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('mail_rules', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.integer('mailbox_id').unsigned().nullable().references('id').inTable('mail_mailboxes')
      table.integer('position').unsigned().notNullable().defaultTo(0)
      table.string('name', 120).notNullable()
      table.boolean('enabled').notNullable().defaultTo(true)
      table.string('match', 3).notNullable().defaultTo('all')
      table.text('conditions').notNullable()
      table.text('actions').notNullable()
      table.boolean('stop').notNullable().defaultTo(false)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id', 'position'], 'mail_rules_org_position_idx')
    })

    this.schema.createTable('mail_blocklist', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.string('pattern', 254).notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['organization_id', 'pattern'], { indexName: 'mail_blocklist_unique' })
    })

    this.schema.createTable('mail_labels', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.string('name', 80).notNullable()
      table.string('color', 20).nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['user_id', 'name'], { indexName: 'mail_labels_user_name_unique' })
    })

    this.schema.createTable('mail_message_labels', (table) => {
      table.integer('label_id').unsigned().notNullable().references('id').inTable('mail_labels')
      table.integer('message_id').unsigned().notNullable().references('id').inTable('mail_messages')
      table.primary(['label_id', 'message_id'], 'mail_message_labels_pk')
    })
  }

  async down() {
    this.schema.dropTable('mail_message_labels')
    this.schema.dropTable('mail_labels')
    this.schema.dropTable('mail_blocklist')
    this.schema.dropTable('mail_rules')
  }
}
