import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * One canonical message per organization and dedupe key (its Message-ID, or a hash of
 * Date + From + Subject + body start when it has none): the same mail captured by ventas@ and
 * by a rep's own mailbox is stored once. The unique key is what makes capture idempotent under
 * crashes and concurrent syncs. Threads group messages; a thread's record (set by the first
 * link or by a user moving it) is where later replies go.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('mail_threads', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.string('subject', 500).nullable()
      table.string('record_type', 40).nullable()
      table.integer('record_id').unsigned().nullable()
      table.integer('moved_by').unsigned().nullable()
      table.timestamp('last_message_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['organization_id', 'record_type', 'record_id'], 'mail_threads_record_idx')
    })

    this.schema.createTable('mail_messages', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.string('dedupe_key', 255).notNullable()
      table.string('message_id', 255).nullable()
      table.string('in_reply_to', 255).nullable()
      table.text('references').nullable()
      // Unbounded: RFC 5322 allows long folded subjects, and they are shown whole.
      table.text('subject').nullable()
      table.string('subject_normalized', 255).nullable()
      table.string('from_address', 254).nullable()
      table.string('from_name', 255).nullable()
      table.text('to_json').nullable()
      table.text('cc_json').nullable()
      table.timestamp('sent_at').nullable()
      table.string('snippet', 300).nullable()
      table.text('text_body', 'longtext').nullable()
      table.text('html_body', 'longtext').nullable()
      table.boolean('has_remote_content').notNullable().defaultTo(false)
      table.integer('size').unsigned().notNullable().defaultTo(0)
      table.integer('attachment_count').unsigned().notNullable().defaultTo(0)
      table.string('parse_status', 10).notNullable().defaultTo('ok')
      table.text('parse_error').nullable()
      table.string('raw_key', 255).nullable()
      table.boolean('spam').notNullable().defaultTo(false)
      table.string('spam_reason', 255).nullable()
      table.string('direction', 4).notNullable().defaultTo('in')
      table.string('reply_token', 40).nullable()
      table.integer('thread_id').unsigned().nullable().references('id').inTable('mail_threads')
      table.integer('assigned_user_id').unsigned().nullable().references('id').inTable('users')
      table.timestamp('created_at').notNullable()
      table.unique(['organization_id', 'dedupe_key'], { indexName: 'mail_messages_dedupe_unique' })
      table.index(['organization_id', 'message_id'], 'mail_messages_message_id_idx')
      table.index(['organization_id', 'subject_normalized'], 'mail_messages_subject_idx')
      table.index(['organization_id', 'reply_token'], 'mail_messages_reply_token_idx')
      table.index(['thread_id'], 'mail_messages_thread_idx')
      table.index(['organization_id', 'assigned_user_id'], 'mail_messages_assigned_idx')
    })

    // Which records a message belongs to, and why ("enlazado por References").
    this.schema.createTable('mail_message_links', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.integer('message_id').unsigned().notNullable().references('id').inTable('mail_messages')
      table.string('record_type', 40).notNullable()
      table.integer('record_id').unsigned().notNullable()
      table.string('reason', 20).notNullable()
      table.string('detail', 255).nullable()
      table.integer('linked_by').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['message_id', 'record_type', 'record_id'], {
        indexName: 'mail_message_links_unique',
      })
      table.index(
        ['organization_id', 'record_type', 'record_id', 'message_id'],
        'mail_message_links_record_idx'
      )
    })

    // Attachments: the file is a kernel document (resource mail.messages, the message's id).
    this.schema.createTable('mail_attachments', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.integer('message_id').unsigned().notNullable().references('id').inTable('mail_messages')
      table.integer('position').unsigned().notNullable()
      table.string('filename', 255).notNullable()
      table.string('content_type', 255).notNullable()
      table.bigInteger('size').notNullable().defaultTo(0)
      table.string('content_id', 255).nullable()
      table.boolean('inline').notNullable().defaultTo(false)
      table.integer('document_id').unsigned().nullable()
      table.unique(['message_id', 'position'], { indexName: 'mail_attachments_position_unique' })
    })
  }

  async down() {
    this.schema.dropTable('mail_attachments')
    this.schema.dropTable('mail_message_links')
    this.schema.dropTable('mail_messages')
    this.schema.dropTable('mail_threads')
  }
}
