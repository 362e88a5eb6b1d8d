import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A seat quota per organization, set by the host's administrators within the licence: null
 * (every existing row) means no quota of its own; the licence's seats still apply to all.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organizations', (table) => {
      table.integer('seat_quota').unsigned().nullable()
    })
  }

  async down() {
    this.schema.alterTable('organizations', (table) => {
      table.dropColumn('seat_quota')
    })
  }
}
