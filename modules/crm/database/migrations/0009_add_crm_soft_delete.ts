import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Recycle bin: a deleted company or contact keeps its row, marked `deleted_at` / `deleted_by`,
 * until it is restored or purged. Every list, count and search asks for `deleted_at IS NULL`,
 * so the list indexes gain that column right after their equality columns: `IS NULL` is an
 * equality to SQLite, MySQL/MariaDB and SQL Server alike, and the keyset order (name or
 * creation date, then id) stays served by the index on all three — a partial index would be
 * smaller, but MySQL/MariaDB have none. The new indexes are created before the old ones are
 * dropped: MySQL needs an index starting with organization_id for the foreign key at all times.
 * `deleted_by` has no foreign key: adding one makes knex rebuild the SQLite table.
 */
const INDEXES = {
  crm_companies: {
    new: {
      crm_companies_live_name_idx: ['organization_id', 'deleted_at', 'name_normalized', 'id'],
      crm_companies_live_owner_idx: [
        'organization_id',
        'owner_id',
        'deleted_at',
        'name_normalized',
        'id',
      ],
      crm_companies_live_type_idx: [
        'organization_id',
        'type',
        'deleted_at',
        'name_normalized',
        'id',
      ],
      crm_companies_live_industry_idx: [
        'organization_id',
        'industry',
        'deleted_at',
        'name_normalized',
        'id',
      ],
      crm_companies_live_created_idx: ['organization_id', 'deleted_at', 'created_at', 'id'],
    },
    old: {
      crm_companies_org_name_idx: ['organization_id', 'name_normalized', 'id'],
      crm_companies_org_owner_idx: ['organization_id', 'owner_id', 'name_normalized', 'id'],
      crm_companies_org_type_idx: ['organization_id', 'type', 'name_normalized', 'id'],
      crm_companies_org_industry_idx: ['organization_id', 'industry', 'name_normalized', 'id'],
      crm_companies_org_created_idx: ['organization_id', 'created_at', 'id'],
    },
  },
  crm_contacts: {
    new: {
      crm_contacts_live_name_idx: ['organization_id', 'deleted_at', 'name_normalized', 'id'],
      crm_contacts_live_last_name_idx: [
        'organization_id',
        'deleted_at',
        'last_name_normalized',
        'id',
      ],
      crm_contacts_live_owner_idx: [
        'organization_id',
        'owner_id',
        'deleted_at',
        'name_normalized',
        'id',
      ],
      crm_contacts_live_company_idx: [
        'organization_id',
        'company_id',
        'deleted_at',
        'name_normalized',
        'id',
      ],
      crm_contacts_live_created_idx: ['organization_id', 'deleted_at', 'created_at', 'id'],
    },
    old: {
      crm_contacts_org_name_idx: ['organization_id', 'name_normalized', 'id'],
      crm_contacts_org_last_name_idx: ['organization_id', 'last_name_normalized', 'id'],
      crm_contacts_org_owner_idx: ['organization_id', 'owner_id', 'name_normalized', 'id'],
      crm_contacts_org_company_idx: ['organization_id', 'company_id', 'name_normalized', 'id'],
      crm_contacts_org_created_idx: ['organization_id', 'created_at', 'id'],
    },
  },
} as const

export default class extends BaseSchema {
  async up() {
    for (const [name, sets] of Object.entries(INDEXES)) {
      this.schema.alterTable(name, (table) => {
        table.dateTime('deleted_at').nullable()
        table.integer('deleted_by').unsigned().nullable()
      })
      this.schema.alterTable(name, (table) => {
        for (const [index, columns] of Object.entries(sets.new)) table.index([...columns], index)
      })
      this.schema.alterTable(name, (table) => {
        for (const [index, columns] of Object.entries(sets.old))
          table.dropIndex([...columns], index)
      })
    }
  }

  async down() {
    for (const [name, sets] of Object.entries(INDEXES)) {
      this.schema.alterTable(name, (table) => {
        for (const [index, columns] of Object.entries(sets.old)) table.index([...columns], index)
      })
      this.schema.alterTable(name, (table) => {
        for (const [index, columns] of Object.entries(sets.new))
          table.dropIndex([...columns], index)
      })
      if (['sqlite3', 'better-sqlite3'].includes(this.db.dialect.name)) {
        this.schema.raw(`ALTER TABLE "${name}" DROP COLUMN "deleted_at"`)
        this.schema.raw(`ALTER TABLE "${name}" DROP COLUMN "deleted_by"`)
      } else {
        this.schema.alterTable(name, (table) => {
          table.dropColumn('deleted_at')
          table.dropColumn('deleted_by')
        })
      }
    }
  }
}
