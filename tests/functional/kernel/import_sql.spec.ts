import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { chunkSizes, insertRows, insertRowsIds, paddedIn } from '#app/import/sql'
import { reusePreparedStatements } from '#app/support/sqlite_statements'
import { statementSizes, updateRows } from '#app/support/bulk'

/* The bulk writes of an import's batches, on the real database (SQLite or MariaDB). */

const TABLE = 'import_sql_probe'

test.group('Import: bulk inserts', (group) => {
  group.setup(async () => {
    await db.connection().schema.dropTableIfExists(TABLE)
    await db.connection().schema.createTable(TABLE, (table) => {
      table.increments('id')
      table.string('code', 40).notNullable()
      table.string('label', 40).nullable()
      table.integer('weight').notNullable().defaultTo(7)
      table.boolean('flag').nullable()
      table.timestamp('seen_at').nullable()
    })
    return async () => {
      await db.connection().schema.dropTableIfExists(TABLE)
    }
  })
  group.each.setup(async () => {
    await db.from(TABLE).delete()
  })

  test('ids come back in order, whatever the number of statements', async ({ assert }) => {
    for (const count of [1, 7, 600, 1333]) {
      const rows = Array.from({ length: count }, (_, i) => ({
        code: `c${count}-${i}`,
        label: i % 3 ? `L${i}` : null,
        weight: i,
      }))
      const ids = await db.transaction((trx) => insertRowsIds(trx, TABLE, rows, 'code'))
      assert.lengthOf(ids, count)
      const stored = await db.from(TABLE).whereIn('id', ids).select('id', 'code', 'label', 'weight')
      const byId = new Map(stored.map((r) => [Number(r.id), r]))
      ids.forEach((id, i) => {
        const row = byId.get(id)!
        assert.equal(row.code, rows[i].code)
        assert.equal(row.label, rows[i].label)
        assert.equal(Number(row.weight), i)
      })
    }
    assert.equal(Number((await db.from(TABLE).count('* as n'))[0].n), 1 + 7 + 600 + 1333)
  })

  test('rows with different columns land too (the missing ones empty)', async ({ assert }) => {
    await db.transaction((trx) =>
      insertRows(trx, TABLE, [
        { code: 'a', label: 'x', weight: 1 },
        { code: 'b', weight: 2 },
      ])
    )
    const rows = await db.from(TABLE).orderBy('code').select('code', 'label', 'weight')
    assert.deepEqual(
      rows.map((r) => [r.code, r.label, Number(r.weight)]),
      [
        ['a', 'x', 1],
        ['b', null, 2],
      ]
    )
  })

  test('updates by id: rows of each shape in one statement, nulls kept, the scope held', async ({
    assert,
  }) => {
    await insertRows(
      db.connection(),
      TABLE,
      Array.from({ length: 900 }, (_, i) => ({
        code: `u${i}`,
        label: 'old',
        weight: i < 5 ? 1 : 7,
      }))
    )
    const rows = await db.from(TABLE).orderBy('id').select('id', 'code')
    const ids = rows.map((r) => Number(r.id))
    await db.transaction((trx) =>
      updateRows(
        trx,
        TABLE,
        [
          // Out of scope (weight 1): left alone.
          { id: ids[0], values: { label: 'no' } },
          // Two shapes, the second over several statements.
          { id: ids[5], values: { label: null } },
          ...ids.slice(6).map((id, k) => ({ id, values: { label: `n${k}`, code: `c${k}` } })),
          { id: ids[1], values: {} },
        ],
        { weight: 7 }
      )
    )
    const after = await db.from(TABLE).orderBy('id').select('code', 'label')
    assert.deepEqual(after[0], { code: 'u0', label: 'old' })
    assert.deepEqual(after[1], { code: 'u1', label: 'old' })
    assert.deepEqual(after[5], { code: 'u5', label: null })
    assert.deepEqual(after[6], { code: 'c0', label: 'n0' })
    assert.deepEqual(after[899], { code: 'c893', label: 'n893' })
  })

  test('inside a transaction: values bound as the builder binds them, statements reported', async ({
    assert,
  }) => {
    const seen = new Date('2026-03-04T05:06:07.000Z')
    const rows = (prefix: string) =>
      [true, false, null].map((flag, i) => ({
        code: `${prefix}${i}`,
        label: null,
        weight: i,
        flag,
        seen_at: i === 1 ? null : seen,
      }))
    await insertRows(db.connection(), TABLE, rows('out'))
    const knex = db.connection().getWriteClient()
    const sent: string[] = []
    const listener = (q: { sql: string }) => sent.push(q.sql)
    knex.on('query', listener)
    try {
      await db.transaction((trx) => insertRows(trx, TABLE, rows('in')))
    } finally {
      knex.off('query', listener)
    }
    assert.lengthOf(
      sent.filter((sql) => /^insert into [`"]import_sql_probe/i.test(sql)),
      1
    )
    const stored = await db.from(TABLE).orderBy('id').select('code', 'flag', 'seen_at')
    const by = (prefix: string) =>
      stored
        .filter((r) => r.code.startsWith(prefix))
        .map((r) => [r.flag, r.seen_at === null ? null : String(r.seen_at)])
    assert.deepEqual(by('in'), by('out'))
    assert.deepEqual(
      by('in').map(([flag]) => (flag === null ? null : Boolean(Number(flag)))),
      [true, false, null]
    )
  })

  test('a failed statement inside the transaction lands nothing', async ({ assert }) => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      code: i === 299 ? null : `f${i}`,
      label: null,
      weight: i,
    }))
    await assert.rejects(() => db.transaction((trx) => insertRows(trx, TABLE, rows)))
    assert.equal(Number((await db.from(TABLE).count('* as n'))[0].n), 0)
  })
})

test.group('Import: statement shapes', () => {
  test('full chunks, then the rest in powers of two down to 128, then one', ({ assert }) => {
    assert.deepEqual(chunkSizes(0, 512), [])
    assert.deepEqual(chunkSizes(1, 512), [1])
    assert.deepEqual(chunkSizes(42, 512), [42])
    assert.deepEqual(chunkSizes(600, 512), [512, 88])
    assert.deepEqual(chunkSizes(475, 250), [250, 128, 97])
    assert.deepEqual(chunkSizes(1333, 285), [285, 285, 285, 285, 128, 65])
    for (const n of [3, 99, 475, 1000])
      assert.equal(
        chunkSizes(n, 285).reduce((a, b) => a + b, 0),
        n
      )
  })

  test('MySQL and other dialects: full chunks and one statement for the rest', ({ assert }) => {
    assert.deepEqual(statementSizes('mysql', 475, 1000), [475])
    assert.deepEqual(statementSizes(null, 2100, 1000), [1000, 1000, 100])
    assert.deepEqual(statementSizes('sqlite', 600, 512), [512, 88])
  })

  test('IN lists padded to a power of two with their last value', ({ assert }) => {
    assert.deepEqual(paddedIn([]), [])
    assert.deepEqual(paddedIn(['a']), ['a'])
    assert.deepEqual(paddedIn(['a', 'b', 'c']), ['a', 'b', 'c', 'c'])
    assert.lengthOf(paddedIn(Array.from({ length: 475 }, (_, i) => i)), 512)
    assert.lengthOf(paddedIn(Array.from({ length: 256 }, (_, i) => i)), 256)
  })

  test('prepared statements are reused, bounded by count and by text length', ({ assert }) => {
    const prepared: string[] = []
    const connection = { prepare: (sql: string) => (prepared.push(sql), { sql }) as unknown }
    reusePreparedStatements(connection, 3, 100)
    const a = connection.prepare('select 1')
    assert.strictEqual(connection.prepare('select 1'), a)
    connection.prepare('select 2')
    connection.prepare('select 3')
    connection.prepare('select 1') // the most recently used now
    connection.prepare('select 4') // count bound: drops "select 2", the least recently used
    assert.strictEqual(connection.prepare('select 1'), a)
    connection.prepare('select 2')
    assert.deepEqual(prepared, ['select 1', 'select 2', 'select 3', 'select 4', 'select 2'])
    // Text bound: a long statement pushes the others out; one over the budget is never kept.
    connection.prepare('x'.repeat(90))
    connection.prepare('select 1')
    assert.equal(prepared.at(-1), 'select 1')
    const huge = 'y'.repeat(101)
    connection.prepare(huge)
    connection.prepare(huge)
    assert.equal(prepared.filter((s) => s === huge).length, 2)
  })
})
