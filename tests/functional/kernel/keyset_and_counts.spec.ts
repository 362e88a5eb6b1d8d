import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { cappedCount, keysetPage, encodeCursor } from '#app/support/keyset'
import { createOrganization, createUser } from '#tests/helpers/world'

async function usersOf(orgId: number, count: number) {
  const org = { id: orgId } as any
  // Duplicate names on purpose: the id tie-breaker must keep every row exactly once.
  for (let i = 0; i < count; i++)
    await createUser(org, {}, { fullName: `Persona ${String(i % 7).padStart(2, '0')}` })
}

test.group('Keyset pagination and capped counts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  for (const direction of ['asc', 'desc'] as const) {
    test(`pages over duplicate sort values return every row exactly once (${direction})`, async ({
      assert,
    }) => {
      const org = await createOrganization()
      await usersOf(org.id, 23)
      const seen: number[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const query = db.from('users').where('organization_id', org.id).select('id', 'full_name')
        const page: { rows: { id: number; full_name: string }[]; next: string | null } =
          await keysetPage(
            query,
            { column: 'full_name', idColumn: 'id', direction, limit: 5, cursor },
            (row) => row.full_name
          )
        seen.push(...page.rows.map((r) => r.id))
        cursor = page.next
        pages++
      } while (cursor && pages < 20)
      assert.equal(pages, 5)
      assert.lengthOf(seen, 23)
      assert.lengthOf(new Set(seen), 23)
      const all = await db
        .from('users')
        .where('organization_id', org.id)
        .orderBy('full_name', direction)
        .orderBy('id', direction)
        .select('id')
      assert.deepEqual(
        seen,
        all.map((r) => r.id)
      )
    })
  }

  for (const direction of ['asc', 'desc'] as const) {
    test(`"previous" (a before cursor) walks back through the same pages with their positions (${direction})`, async ({
      assert,
    }) => {
      const org = await createOrganization()
      await usersOf(org.id, 23)
      const read = (cursors: { cursor?: string | null; before?: string | null }) =>
        keysetPage<{ id: number; full_name: string }>(
          db.from('users').where('organization_id', org.id).select('id', 'full_name'),
          { column: 'full_name', idColumn: 'id', direction, limit: 5, ...cursors },
          (row) => row.full_name
        )
      const forward: { ids: number[]; offset: number; prev: string | null }[] = []
      let page = await read({})
      assert.isNull(page.prev, 'no previous page before the first')
      forward.push({ ids: page.rows.map((r) => r.id), offset: page.offset, prev: page.prev })
      while (page.next) {
        page = await read({ cursor: page.next })
        forward.push({ ids: page.rows.map((r) => r.id), offset: page.offset, prev: page.prev })
      }
      assert.deepEqual(
        forward.map((p) => p.offset),
        [0, 5, 10, 15, 20]
      )
      assert.deepEqual(
        forward.map((p) => p.ids.length),
        [5, 5, 5, 5, 3]
      )
      // Back from the last page to the first, one "previous" at a time.
      let before = forward[4].prev
      for (let i = 3; i >= 0; i--) {
        const back = await read({ before })
        assert.deepEqual(
          back.rows.map((r) => r.id),
          forward[i].ids,
          `page ${i + 1}`
        )
        assert.equal(back.offset, i * 5)
        assert.isNotNull(back.next, 'a page reached backwards has a next page')
        if (i === 0) assert.isNull(back.prev, 'back at the first page')
        before = back.prev
      }
      // "Next" from a page reached backwards continues where it should.
      const second = await read({ before: forward[2].prev })
      const third = await read({ cursor: second.next })
      assert.deepEqual(
        third.rows.map((r) => r.id),
        forward[2].ids
      )
      assert.equal(third.offset, 10)
    })
  }

  test('a malformed cursor starts from the first page instead of failing', async ({ assert }) => {
    const org = await createOrganization()
    await usersOf(org.id, 3)
    const page = await keysetPage(
      db.from('users').where('organization_id', org.id).select('id', 'full_name'),
      {
        column: 'full_name',
        idColumn: 'id',
        direction: 'asc',
        limit: 10,
        cursor: 'no-es-un-cursor',
      },
      (r: any) => r.full_name
    )
    assert.lengthOf(page.rows, 3)
    assert.isNull(page.next)
    const fromCursor = await keysetPage(
      db.from('users').where('organization_id', org.id).select('id', 'full_name'),
      {
        column: 'full_name',
        idColumn: 'id',
        direction: 'asc',
        limit: 10,
        cursor: encodeCursor('Persona 00', 0),
      },
      (r: any) => r.full_name
    )
    assert.lengthOf(fromCursor.rows, 3)
  })

  test('counts stop at the cap unless the exact count is asked for', async ({ assert }) => {
    const org = await createOrganization()
    await usersOf(org.id, 8)
    const base = () => db.from('users').where('organization_id', org.id).orderBy('full_name')
    assert.deepEqual(await cappedCount(base(), { cap: 5 }), { value: 5, capped: true })
    assert.deepEqual(await cappedCount(base(), { cap: 5, exact: true }), {
      value: 8,
      capped: false,
    })
    assert.deepEqual(await cappedCount(base(), { cap: 8 }), { value: 8, capped: false })
    assert.deepEqual(await cappedCount(base().where('full_name', 'Nadie')), {
      value: 0,
      capped: false,
    })
  })
})
