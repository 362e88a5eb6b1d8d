import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { encodeCursor, keysetPage } from '#app/support/keyset'

/**
 * The keyset helper must let the database seek to the cursor: bench/run.mjs measured page 500
 * of 100k companies at ~40× page 1 when the cursor condition was only an OR (the index was
 * scanned from the start). These pin the shape of the condition and, on SQLite, the plan.
 */
test.group('Keyset pagination seeks with the index', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  for (const direction of ['asc', 'desc'] as const) {
    test(`a cursor adds a plain range on the sort column (${direction})`, async ({ assert }) => {
      const query = db.from('users').where('organization_id', 1).select('id', 'full_name')
      await keysetPage(
        query,
        {
          column: 'full_name',
          idColumn: 'id',
          direction,
          limit: 5,
          cursor: encodeCursor('Persona 03', 7),
        },
        (r: any) => r.full_name
      )
      const sql = query.toQuery().replace(/[`"[\]]/g, '')
      const op = direction === 'asc' ? '>=' : '<='
      assert.include(sql, `full_name ${op} 'Persona 03'`)
      assert.match(sql, /full_name [<>] 'Persona 03' or \(full_name = 'Persona 03' and id [<>] 7\)/)
    })
  }

  test('without a cursor, or with a NULL sort value, no range is added', async ({ assert }) => {
    const first = db.from('users').select('id', 'full_name')
    await keysetPage(
      first,
      { column: 'full_name', idColumn: 'id', direction: 'asc', limit: 5 },
      (r: any) => r.full_name
    )
    assert.notInclude(first.toQuery(), '>=')
    const nullCursor = db.from('users').select('id', 'full_name')
    await keysetPage(
      nullCursor,
      {
        column: 'full_name',
        idColumn: 'id',
        direction: 'asc',
        limit: 5,
        cursor: encodeCursor(null, 3),
      },
      (r: any) => r.full_name
    )
    assert.notInclude(nullCursor.toQuery(), '>=')
  })

  test('on SQLite a keyset page of a module list searches its (organization, name) index by range', async ({
    assert,
  }) => {
    if (
      db.connection().dialect.name !== 'better-sqlite3' &&
      db.connection().dialect.name !== 'sqlite3'
    ) {
      assert.isTrue(await db.connection().schema.hasTable('sonda_items'))
      return
    }
    const query = db.from('sonda_items as i').where('i.organization_id', 1).select('i.id', 'i.name')
    await keysetPage(
      query,
      {
        column: 'i.name',
        idColumn: 'i.id',
        direction: 'asc',
        limit: 25,
        cursor: encodeCursor('m', 10),
      },
      (r: any) => r.name
    )
    const { sql, bindings } = query.toSQL().toNative()
    const plan = await db.rawQuery(`EXPLAIN QUERY PLAN ${sql}`, bindings as any[])
    const detail = plan.map((r: any) => r.detail).join('; ')
    assert.match(
      detail,
      /USING (COVERING )?INDEX sonda_items_org_name_idx \(organization_id=\? AND name>\?\)/,
      detail
    )
  })
})
