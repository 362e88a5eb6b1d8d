import { BaseSchema } from '@adonisjs/lucid/schema'
import { normalizeName } from '../../support/normalize.js'

/*
 * People are looked up by surname as often as by first name ("García"): a normalized last
 * name with its own (organization, value) index lets the search find them without a scan.
 * Existing rows are filled in here, in batches.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('crm_contacts', (table) => {
      table.string('last_name_normalized', 150).nullable()
      table.index(['organization_id', 'last_name_normalized', 'id'], 'crm_contacts_org_last_name_idx')
    })
    this.defer(async (db) => {
      let after = 0
      for (;;) {
        const rows = await db.from('crm_contacts').where('id', '>', after).whereNotNull('last_name').orderBy('id').limit(500).select('id', 'last_name')
        if (!rows.length) break
        for (const r of rows) await db.from('crm_contacts').where('id', r.id).update({ last_name_normalized: normalizeName(r.last_name, 150) })
        after = Number(rows[rows.length - 1].id)
      }
    })
  }

  async down() {
    this.schema.alterTable('crm_contacts', (table) => {
      table.dropIndex(['organization_id', 'last_name_normalized', 'id'], 'crm_contacts_org_last_name_idx')
      table.dropColumn('last_name_normalized')
    })
  }
}
