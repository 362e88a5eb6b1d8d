import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { encodeCursor, keysetPage } from '#app/support/keyset'

/**
 * The companies list pages with the kernel's keyset helper (app/support/keyset.ts): on SQLite
 * its query must seek the (organization, deleted_at, name) index to the cursor. (The helper's
 * condition itself: tests/functional/platform/keyset_index.spec.ts.)
 */
test.group('CRM · keyset pages of companies seek with the index', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('on SQLite the companies list query searches the (organization, name) index by range', async ({
    assert,
  }) => {
    if (
      db.connection().dialect.name !== 'better-sqlite3' &&
      db.connection().dialect.name !== 'sqlite3'
    ) {
      assert.isTrue(await db.connection().schema.hasTable('crm_companies'))
      return
    }
    const query = db
      .from('crm_companies as c')
      .where('c.organization_id', 1)
      // As access.scope() leaves out records in the recycle bin.
      .whereNull('c.deleted_at')
      .select('c.id', 'c.name_normalized')
    await keysetPage(
      query,
      {
        column: 'c.name_normalized',
        idColumn: 'c.id',
        direction: 'asc',
        limit: 25,
        cursor: encodeCursor('m', 10),
      },
      (r: any) => r.name_normalized
    )
    const { sql, bindings } = query.toSQL().toNative()
    const plan = await db.rawQuery(`EXPLAIN QUERY PLAN ${sql}`, bindings as any[])
    const detail = plan.map((r: any) => r.detail).join('; ')
    assert.match(
      detail,
      /USING (COVERING )?INDEX \w+ \(organization_id=\? AND deleted_at=\? AND name_normalized>\?\)/,
      detail
    )
  })
})
