import { BaseSchema } from '@adonisjs/lucid/schema'

/* Who takes part in an activity besides its assignee: users and/or contacts. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('crm_activity_attendees', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table
        .integer('activity_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('crm_activities')
      table.integer('user_id').unsigned().nullable().references('id').inTable('users')
      table.integer('contact_id').unsigned().nullable().references('id').inTable('crm_contacts')

      table.index(['activity_id'], 'crm_act_att_activity_fk_idx')
      table.index(['user_id'], 'crm_act_att_user_fk_idx')
      table.index(['contact_id'], 'crm_act_att_contact_fk_idx')
    })
  }

  async down() {
    this.schema.dropTable('crm_activity_attendees')
  }
}
