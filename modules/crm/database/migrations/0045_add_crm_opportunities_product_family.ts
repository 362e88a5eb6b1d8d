import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * An opportunity's product family (a code of the editable list crm.product_families), the
 * target of "family" sales quotas. Attainment sums won amounts per family over a date range:
 * (organization, product_family, status) then the won date.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('crm_opportunities', (table) => {
      table.string('product_family', 40).nullable()
      table.index(['organization_id', 'product_family', 'status', 'won_at'], 'crm_opps_family_idx')
    })
  }

  // Plain ALTER TABLE … DROP COLUMN (see 0042): knex's dropColumn on SQLite rebuilds the table.
  async down() {
    this.schema.alterTable('crm_opportunities', (table) => {
      table.dropIndex(
        ['organization_id', 'product_family', 'status', 'won_at'],
        'crm_opps_family_idx'
      )
    })
    this.schema.raw('ALTER TABLE crm_opportunities DROP COLUMN product_family')
  }
}
