import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Periods a user is away (holidays, sick leave): work handed out automatically skips them.
 * Entered by hand today (`source` manual); an HR module will feed them later (`source` hr).
 * Days, not instants: a user is away on every day from `starts_on` to `ends_on` inclusive.
 * `user_absences_user_days` answers "who is away today" and a user's list of periods.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('user_absences', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
      table.integer('user_id').unsigned().notNullable().references('id').inTable('users')
      table.date('starts_on').notNullable()
      table.date('ends_on').notNullable()
      table.string('reason', 200).nullable()
      table.string('source', 10).notNullable().defaultTo('manual')
      table.integer('created_by').unsigned().nullable().references('id').inTable('users')
      table.dateTime('created_at').notNullable()
      table.dateTime('updated_at').notNullable()
      table.index(['organization_id', 'ends_on', 'starts_on'], 'user_absences_org_days')
      table.index(['user_id', 'starts_on'], 'user_absences_user_days')
      table.index(['created_by'], 'user_absences_created_by')
    })
  }

  async down() {
    this.schema.dropTable('user_absences')
  }
}
