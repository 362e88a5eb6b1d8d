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

  async down() {
    this.schema.alterTable('crm_leads', (table) => {
      table.dropColumn('linked_company_id')
      table.dropColumn('linked_contact_id')
    })
  }
}
