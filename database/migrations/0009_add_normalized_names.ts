import { BaseSchema } from '@adonisjs/lucid/schema'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { normalizeName } from '#app/support/normalize'

/** Name columns that lists sort and search on, with the normalized key stored beside each. */
const TARGETS = [
  {
    table: 'users',
    source: 'full_name',
    column: 'full_name_normalized',
    length: 160,
    index: 'users_org_name_norm_idx',
  },
  {
    table: 'roles',
    source: 'name',
    column: 'name_normalized',
    length: 80,
    index: 'roles_org_name_norm_idx',
  },
  {
    table: 'teams',
    source: 'name',
    column: 'name_normalized',
    length: 120,
    index: 'teams_org_name_norm_idx',
  },
] as const

/**
 * Fills `column` from `source` for every existing row, `batchSize` rows at a time in id order
 * (plain queries, no models: a migration must keep working whatever the models become).
 * Exported for the test that pins it; the migration itself runs it once per table.
 */
export async function backfillNormalized(
  client: Pick<QueryClientContract, 'from'>,
  target: { table: string; source: string; column: string; length: number },
  batchSize = 500
): Promise<number> {
  let lastId = 0
  let updated = 0
  for (;;) {
    const rows = await client
      .from(target.table)
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batchSize)
      .select('id', target.source)
    if (!rows.length) return updated
    for (const row of rows) {
      await client
        .from(target.table)
        .where('id', row.id)
        .update({ [target.column]: normalizeName(String(row[target.source] ?? ''), target.length) })
    }
    updated += rows.length
    lastId = Number(rows[rows.length - 1].id)
  }
}

/**
 * Lists of users, roles and teams sort on a normalized name (lowercase, no accents): SQLite
 * compares bytes ("Álvaro" after "Zoe") while MariaDB folds accents, so sorting on the raw name
 * gave each database a different order. The models keep the column up to date on every save.
 */
export default class extends BaseSchema {
  async up() {
    for (const target of TARGETS) {
      // NOT NULL with a default so existing rows (and SQLite's ADD COLUMN) accept it; the
      // backfill below gives every row its real value.
      this.schema.alterTable(target.table, (table) => {
        table.string(target.column, target.length).notNullable().defaultTo('')
      })
      this.defer((db) => backfillNormalized(db, target).then(() => undefined))
      this.schema.alterTable(target.table, (table) => {
        table.index(['organization_id', target.column, 'id'], target.index)
      })
    }
  }

  async down() {
    // knex drops a SQLite column by copying the table, and dropping `users` fails while other
    // tables' rows point at it (foreign keys stay on inside the migration's transaction).
    // SQLite has had its own DROP COLUMN since 3.35: use it.
    const sqlite = ['sqlite3', 'better-sqlite3'].includes(this.db.dialect.name)
    for (const target of TARGETS) {
      this.schema.alterTable(target.table, (table) => {
        table.dropIndex(['organization_id', target.column, 'id'], target.index)
        if (!sqlite) table.dropColumn(target.column)
      })
      if (sqlite) this.schema.raw(`ALTER TABLE "${target.table}" DROP COLUMN "${target.column}"`)
    }
  }
}
