import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The legal name's search key (lowercase, no accents), like name_normalized: the company
 * search matches words of either. Existing rows are filled in batches. The normalization is
 * copied here (not imported) so this migration keeps doing what it did when it shipped.
 */
const normalizeName = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)

export default class extends BaseSchema {
  // SQLite drops a column by rebuilding the table, which it can only do with foreign-key checks
  // off: a pragma that is ignored inside a transaction (rows of other tables point here).
  static disableTransactions = true

  async up() {
    this.schema.alterTable('crm_companies', (table) => {
      table.string('legal_name_normalized', 200).nullable()
    })
    this.defer(async (db) => {
      let last = 0
      for (;;) {
        const rows = await db
          .from('crm_companies')
          .whereNotNull('legal_name')
          .where('id', '>', last)
          .orderBy('id')
          .limit(500)
          .select('id', 'legal_name')
        if (!rows.length) break
        for (const r of rows) {
          const normalized = normalizeName(r.legal_name)
          await db
            .from('crm_companies')
            .where('id', r.id)
            .update({ legal_name_normalized: normalized })
        }
        last = Number(rows[rows.length - 1].id)
      }
    })
  }

  async down() {
    this.schema.alterTable('crm_companies', (table) => {
      table.dropColumn('legal_name_normalized')
    })
  }
}
