import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Per organization: where a lead goes when no rule matches or no one of the matching rule is
 * eligible — a user (`fallback_user_id`, skipped while away) or, when null, the queue of
 * unassigned leads (owner stays empty). No row = the queue.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_assignment_settings', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('fallback_user_id').unsigned().nullable().references('id').inTable('users')
      table.dateTime('updated_at').notNullable()
      table.unique(['organization_id'], { indexName: 'crm_asg_settings_org_uq' })
      table.index(['fallback_user_id'], 'crm_asg_settings_user_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_assignment_settings')
  }
}
