import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * "Vincular" on a lead's duplicates panel: the existing company and contact the lead is
 * remembered to be, so converting pre-selects "use the existing one". Plain ids without a
 * foreign key: a binned or removed company leaves a stale id that conversion checks in scope
 * anyway (and ignores when gone). Read on the lead page only: no index.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('crm_leads', (table) => {
      table.integer('linked_company_id').unsigned().nullable()
      table.integer('linked_contact_id').unsigned().nullable()
    })
  }

  // Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35, MariaDB, MS SQL): knex's dropColumn on
  // SQLite copies and drops the table, which its leads' assignment rows (a foreign key) refuse.
  async down() {
    this.schema.raw('ALTER TABLE crm_leads DROP COLUMN linked_company_id')
    this.schema.raw('ALTER TABLE crm_leads DROP COLUMN linked_contact_id')
  }
}
