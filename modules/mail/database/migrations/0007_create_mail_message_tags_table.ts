import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Tags a capture rule puts on a message ("factura", "boletín"): a message's small list of
 * words, kept here because messages are not a resource with kernel tags.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('mail_message_tags', (table) => {
      table.integer('organization_id').unsigned().notNullable()
      table.integer('message_id').unsigned().notNullable().references('id').inTable('mail_messages')
      table.string('tag', 60).notNullable()
      table.primary(['message_id', 'tag'], 'mail_message_tags_pk')
      table.index(['organization_id', 'tag'], 'mail_message_tags_org_tag_idx')
    })
  }

  async down() {
    this.schema.dropTable('mail_message_tags')
  }
}
