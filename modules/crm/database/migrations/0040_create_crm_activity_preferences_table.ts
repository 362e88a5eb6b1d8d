import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Each user's activity preferences (one row per user, written the first time she saves):
 * the reminder's default lead time in minutes before the due time; null: no reminder.
 * No row: the built-in default (15 minutes).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_activity_preferences', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.integer('remind_minutes').nullable()
      table.dateTime('updated_at').notNullable()

      table.unique(['user_id'], { indexName: 'crm_act_prefs_user_uq' })
      table.index(['organization_id'], 'crm_act_prefs_org_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_activity_preferences')
  }
}
