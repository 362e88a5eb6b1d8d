import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Duplicate keys of a company, each in its own indexed column so an import looks every key up
 * through its own index (a single WHERE … OR … across keys scans the table): the web domain
 * (`http://www.acme.es/` → `acme.es`) and the name without legal form, accents or punctuation.
 * NIF, e-mails and phones already have theirs. Existing rows are filled in batches; the
 * normalization is copied here so this migration keeps doing what it did when it shipped.
 */
const LEGAL = new Set(['sl', 'slu', 'sa', 'sau', 'slp', 'sll', 'slne', 'cb', 'scoop', 'scp', 'sc'])

function nameKey(value: string): string | null {
  const words = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.·]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    if (LEGAL.has(words.slice(-n).join(''))) {
      words.splice(-n)
      break
    }
  }
  return words.join(' ').slice(0, 200) || null
}

function domain(value: string | null): string | null {
  if (!value) return null
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .split(/[/?#:]/)[0]
    .replace(/\.$/, '')
    .replace(/^www\d*\./, '')
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host.slice(0, 255) : null
}

export default class extends BaseSchema {
  // SQLite drops a column by rebuilding the table: only with foreign-key checks off (see 0004).
  static disableTransactions = true

  async up() {
    this.schema.alterTable('crm_companies', (table) => {
      table.string('name_key', 200).nullable()
      table.string('website_domain', 255).nullable()
      table.index(['organization_id', 'name_key'], 'crm_companies_org_name_key_idx')
      table.index(['organization_id', 'website_domain'], 'crm_companies_org_domain_idx')
    })
    this.defer(async (db) => {
      let last = 0
      for (;;) {
        const rows = await db
          .from('crm_companies')
          .where('id', '>', last)
          .orderBy('id')
          .limit(500)
          .select('id', 'name', 'website')
        if (!rows.length) break
        for (const r of rows) {
          await db
            .from('crm_companies')
            .where('id', r.id)
            .update({ name_key: nameKey(r.name), website_domain: domain(r.website) })
        }
        last = Number(rows[rows.length - 1].id)
      }
    })
  }

  async down() {
    this.schema.alterTable('crm_companies', (table) => {
      table.dropIndex(['organization_id', 'name_key'], 'crm_companies_org_name_key_idx')
      table.dropIndex(['organization_id', 'website_domain'], 'crm_companies_org_domain_idx')
    })
    this.schema.alterTable('crm_companies', (table) => {
      table.dropColumn('name_key')
      table.dropColumn('website_domain')
    })
  }
}
