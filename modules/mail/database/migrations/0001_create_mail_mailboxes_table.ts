import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Mailboxes captured into Cartera: IMAP accounts (shared like ventas@, or a user's own) and
 * archive-only mailboxes filled by `node ace mail:import`. Passwords are encrypted with the
 * app key (never stored in clear). The sync lease (holder, until) makes one sync per mailbox
 * run at a time across processes: it is taken by a conditional UPDATE.
 * No ON DELETE actions in the mail tables (SQL Server refuses multiple cascade paths): removing a
 * mailbox or a message removes its rows explicitly.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('mail_mailboxes', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.string('name', 60).notNullable()
      table.string('address', 254).nullable()
      table.string('kind', 16).notNullable().defaultTo('shared')
      table.integer('owner_user_id').unsigned().nullable().references('id').inTable('users')
      table.integer('team_id').unsigned().nullable().references('id').inTable('teams')
      table.string('privacy', 16).notNullable().defaultTo('full')
      table.string('imap_host', 255).nullable()
      table.integer('imap_port').unsigned().nullable()
      table.string('imap_security', 10).notNullable().defaultTo('tls')
      table.string('imap_user', 255).nullable()
      table.text('imap_secret').nullable()
      table.string('smtp_host', 255).nullable()
      table.integer('smtp_port').unsigned().nullable()
      table.string('smtp_security', 10).notNullable().defaultTo('starttls')
      table.string('smtp_user', 255).nullable()
      table.text('smtp_secret').nullable()
      table.text('folders').nullable()
      table.boolean('enabled').notNullable().defaultTo(true)
      table.timestamp('last_sync_at').nullable()
      table.text('last_error').nullable()
      table.timestamp('last_error_at').nullable()
      table.string('sync_holder', 80).nullable()
      table.timestamp('sync_until').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['organization_id', 'name'], { indexName: 'mail_mailboxes_org_name_unique' })
    })

    // One row per followed folder: the sync cursor and the server's count for the ledger.
    this.schema.createTable('mail_folders', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table
        .integer('mailbox_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('mail_mailboxes')
      table.string('path', 255).notNullable()
      table.bigInteger('uid_validity').nullable()
      table.bigInteger('highest_uid').notNullable().defaultTo(0)
      table.string('highest_modseq', 24).nullable()
      table.integer('on_server').unsigned().notNullable().defaultTo(0)
      table.integer('progress_total').unsigned().notNullable().defaultTo(0)
      table.integer('progress_done').unsigned().notNullable().defaultTo(0)
      table.timestamp('last_sync_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['mailbox_id', 'path'], { indexName: 'mail_folders_mailbox_path_unique' })
    })
  }

  async down() {
    this.schema.dropTable('mail_folders')
    this.schema.dropTable('mail_mailboxes')
  }
}
