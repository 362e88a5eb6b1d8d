import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The reconciliation ledger and the presence of messages: one row per item a folder offered
 * (IMAP: `<uidvalidity>:<uid>`; an archive: the sha256 of the raw message) and what became of it —
 * stored (with its canonical message: "seen in ventas@, ana@"), skipped by a rule (which) or
 * failed (why). The unique key makes a re-run record nothing twice.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('mail_intake', (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.integer('mailbox_id').unsigned().notNullable()
      table.integer('folder_id').unsigned().notNullable().references('id').inTable('mail_folders')
      table.string('item_key', 255).notNullable()
      table.bigInteger('uid_validity').nullable()
      table.bigInteger('uid').nullable()
      table.integer('message_id').unsigned().nullable().references('id').inTable('mail_messages')
      table.string('outcome', 10).notNullable()
      table.integer('rule_id').unsigned().nullable()
      table.string('reason', 500).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['folder_id', 'item_key'], { indexName: 'mail_intake_folder_item_unique' })
      table.index(['mailbox_id', 'outcome'], 'mail_intake_mailbox_outcome_idx')
      table.index(['message_id'], 'mail_intake_message_idx')
    })
  }

  async down() {
    this.schema.dropTable('mail_intake')
  }
}
