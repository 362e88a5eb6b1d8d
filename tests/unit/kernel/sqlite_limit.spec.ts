import { test } from '@japa/runner'
import { createRequire } from 'node:module'
import { reusePreparedStatements } from '#app/support/sqlite_statements'

/*
 * A bound `limit ?` (knex's `.first()`, pages) runs with the limit written into the text
 * (app/support/sqlite_limit.ts), on a real SQLite connection: same rows, one prepared
 * statement per limit value, reused.
 */

// The driver has no type declarations (config/database.ts names it to knex only).
const Database = createRequire(import.meta.url)('better-sqlite3')

function connection() {
  const sqlite = new Database(':memory:')
  sqlite.exec(
    "CREATE TABLE t (x INTEGER, label TEXT); INSERT INTO t VALUES (1, 'a?'), (2, 'b'), (3, 'c'), (4, 'd')"
  )
  const prepared: string[] = []
  const prepare = sqlite.prepare.bind(sqlite)
  const spied = sqlite as unknown as { prepare(sql: string): any }
  spied.prepare = (sql: string) => (prepared.push(sql), prepare(sql))
  reusePreparedStatements(spied)
  return { sqlite: spied, prepared }
}

test.group('SQLite: a bound LIMIT is written in', () => {
  test('same rows; the limit goes into the text, the offset stays bound', ({ assert }) => {
    const { sqlite, prepared } = connection()
    const first = sqlite.prepare('select x from t where x > ? order by x limit ?')
    assert.deepEqual(first.all([1, 1]), [{ x: 2 }])
    assert.deepEqual(first.all([1, 2]), [{ x: 2 }, { x: 3 }])
    assert.deepEqual(first.all([0, 1]), [{ x: 1 }])
    assert.isTrue(first.reader)
    assert.deepEqual(first.get(3, 5), { x: 4 })
    const page = sqlite.prepare('select x from t order by x limit ? offset ?')
    assert.deepEqual(page.all([2, 1]), [{ x: 2 }, { x: 3 }])
    assert.deepEqual(page.all([2, 2]), [{ x: 3 }, { x: 4 }])
    assert.includeMembers(prepared, [
      'select x from t where x > ? order by x limit 1',
      'select x from t where x > ? order by x limit 2',
      'select x from t order by x limit 2 offset ?',
    ])
    // Each limit value is prepared once, then reused.
    assert.lengthOf(
      prepared.filter((sql) => sql.endsWith('limit 1')),
      1
    )
    assert.lengthOf(
      prepared.filter((sql) => sql.endsWith('limit 2 offset ?')),
      1
    )
  })

  test('anything but an integer limit, or a ? in a literal, runs bound as before', ({ assert }) => {
    const { sqlite, prepared } = connection()
    const odd = sqlite.prepare('select x from t order by x limit ?')
    assert.deepEqual(odd.all(['2']), [{ x: 1 }, { x: 2 }])
    const literal = sqlite.prepare("select x from t where label <> 'z?' order by x limit ?")
    assert.deepEqual(literal.all([1]), [{ x: 1 }])
    assert.isFalse(prepared.some((sql) => /limit \d/.test(sql)))
    prepared.length = 0
    // A write ending in a limit is a write still.
    const write = sqlite.prepare('insert into t select x + 10, label from t order by x limit ?')
    assert.isFalse(write.reader)
    write.run([2])
    assert.deepEqual(sqlite.prepare('select count(*) as n from t').get(), { n: 6 })
    assert.include(prepared, 'insert into t select x + 10, label from t order by x limit 2')
  })
  test('past the first four limit values a statement runs bound (no new texts)', ({ assert }) => {
    const { sqlite, prepared } = connection()
    const page = sqlite.prepare('select x from t order by x limit ?')
    for (const n of [1, 2, 3, 4]) assert.lengthOf(page.all([n]), n)
    prepared.length = 0
    assert.deepEqual(page.all([1]), [{ x: 1 }])
    assert.lengthOf(page.all([0]), 0)
    assert.lengthOf(page.all([5]), 4)
    assert.deepEqual(prepared, [])
  })
})
