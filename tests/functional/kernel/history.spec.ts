import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { timeline } from '#app/history/timeline'
import { recordHistory } from '#app/history/record_history'
import { createOrganization, createUser } from '#tests/helpers/world'

test.group('Activity history and audit log', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an update writes one audit row per changed field and a timeline entry listing them', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const actor = await createUser(org, {}, { fullName: 'Ana Auditora' })
    const subject = {
      organizationId: org.id,
      actorId: actor.id,
      subjectType: 'test.thing',
      subjectId: 7,
    }
    await recordHistory.created(subject, { name: 'Cosa', size: 1 })
    const changes = await recordHistory.updated(
      subject,
      { name: 'Cosa', size: 1, tags: ['a'] },
      { name: 'Cosa nueva', size: 1, tags: ['a', 'b'] }
    )
    assert.deepEqual(
      changes.map((c) => c.field),
      ['name', 'tags']
    )

    const audit = await db
      .from('audit_logs')
      .where({ organization_id: org.id, subject_id: 7, action: 'update' })
      .orderBy('id')
    assert.deepEqual(
      audit.map((a) => [a.field, a.old_value, a.new_value]),
      [
        ['name', 'Cosa', 'Cosa nueva'],
        ['tags', '["a"]', '["a","b"]'],
      ]
    )
    assert.equal(audit[0].actor_id, actor.id)

    const { entries } = await timeline.list({
      organizationId: org.id,
      subjectType: 'test.thing',
      subjectId: 7,
    })
    assert.deepEqual(
      entries.map((e) => e.kind),
      ['updated', 'created']
    )
    assert.equal(entries[0].actorName, 'Ana Auditora')
    assert.deepEqual(entries[0].data.changes, changes)
  })

  test('an update that changes nothing writes nothing', async ({ assert }) => {
    const org = await createOrganization()
    const subject = {
      organizationId: org.id,
      actorId: null,
      subjectType: 'test.thing',
      subjectId: 8,
    }
    await recordHistory.updated(subject, { a: 1 }, { a: 1 })
    assert.lengthOf(await db.from('audit_logs').where('organization_id', org.id), 0)
    assert.lengthOf(await db.from('timeline_events').where('organization_id', org.id), 0)
  })

  test('the timeline pages newest first and never mixes subjects or organizations', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const other = await createOrganization()
    for (let i = 0; i < 5; i++) {
      await timeline.record({
        organizationId: org.id,
        subjectType: 'test.thing',
        subjectId: 1,
        kind: 'note',
        actorId: null,
        data: { body: `nota ${i}` },
      })
    }
    await timeline.record({
      organizationId: org.id,
      subjectType: 'test.thing',
      subjectId: 2,
      kind: 'note',
      actorId: null,
    })
    await timeline.record({
      organizationId: other.id,
      subjectType: 'test.thing',
      subjectId: 1,
      kind: 'note',
      actorId: null,
    })

    const first = await timeline.list({
      organizationId: org.id,
      subjectType: 'test.thing',
      subjectId: 1,
      limit: 3,
    })
    assert.deepEqual(
      first.entries.map((e) => e.data.body),
      ['nota 4', 'nota 3', 'nota 2']
    )
    const second = await timeline.list({
      organizationId: org.id,
      subjectType: 'test.thing',
      subjectId: 1,
      limit: 3,
      before: first.nextBefore!,
    })
    assert.deepEqual(
      second.entries.map((e) => e.data.body),
      ['nota 1', 'nota 0']
    )
    assert.isNull(second.nextBefore)
    assert.match(first.entries[0].createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/)
  })

  test("related records' entries are merged by id into the subject's pages", async ({ assert }) => {
    const org = await createOrganization()
    // Interleaved: the subject, two related records, one related record not listed, a kind
    // outside the filter.
    const writes: [string, number, string][] = [
      ['test.thing', 1, 'note'],
      ['test.part', 10, 'note'],
      ['test.part', 11, 'note'],
      ['test.thing', 1, 'updated'],
      ['test.part', 12, 'note'],
      ['test.part', 10, 'note'],
      ['test.thing', 1, 'note'],
      ['test.part', 11, 'updated'],
      ['test.thing', 2, 'note'],
      ['test.part', 11, 'note'],
    ]
    for (const [i, [subjectType, subjectId, kind]] of writes.entries()) {
      await timeline.record({
        organizationId: org.id,
        subjectType,
        subjectId,
        kind,
        actorId: null,
        data: { n: i },
      })
    }
    const read = async (limit: number, kinds?: string[]) => {
      const seen: number[][] = []
      let before: number | undefined
      do {
        const page = await timeline.list({
          organizationId: org.id,
          subjectType: 'test.thing',
          subjectId: 1,
          related: { subjectType: 'test.part', ids: [10, 11] },
          limit,
          before,
          kinds,
        })
        seen.push(page.entries.map((e) => e.data.n as number))
        before = page.nextBefore ?? undefined
      } while (before)
      return seen
    }
    assert.deepEqual(await read(3), [
      [9, 7, 6],
      [5, 3, 2],
      [1, 0],
    ])
    assert.deepEqual(await read(4), [
      [9, 7, 6, 5],
      [3, 2, 1, 0],
    ])
    assert.deepEqual(await read(2, ['note']), [
      [9, 6],
      [5, 2],
      [1, 0],
    ])
    const none = await timeline.list({
      organizationId: org.id,
      subjectType: 'test.thing',
      subjectId: 1,
      related: { subjectType: 'test.part', ids: [] },
    })
    assert.deepEqual(
      none.entries.map((e) => e.data.n),
      [6, 3, 0]
    )
  })

  test('the timeline is ordered by date: an entry backdated after others sits at its date', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const entry = (subjectType: string, subjectId: number, n: number, createdAt?: string) => ({
      organizationId: org.id,
      subjectType,
      subjectId,
      kind: 'note',
      actorId: null,
      data: { n },
      createdAt,
    })
    // Written in this order (ids ascending); dated otherwise: 2 and 4 are last year's mail
    // archived today, 3 is a related record's entry dated between them.
    await db.transaction(async (trx) => {
      await timeline.recordMany([entry('test.thing', 1, 0, '2026-03-01 10:00:00')], trx)
      await timeline.recordMany([entry('test.thing', 1, 1)], trx)
      await timeline.recordMany([entry('test.thing', 1, 2, '2025-06-01 09:00:00')], trx)
      await timeline.recordMany([entry('test.part', 5, 3, '2025-09-01 12:00:00')], trx)
      await timeline.recordMany(
        [entry('test.thing', 1, 4, new Date('2025-06-01T09:00:00Z') as any)],
        trx
      )
    })
    const seen: number[][] = []
    let before: number | undefined
    do {
      const page = await timeline.list({
        organizationId: org.id,
        subjectType: 'test.thing',
        subjectId: 1,
        related: { subjectType: 'test.part', ids: [5] },
        limit: 2,
        before,
      })
      seen.push(page.entries.map((e) => e.data.n as number))
      before = page.nextBefore ?? undefined
    } while (before)
    // Newest date first; 2 and 4 share a date: the higher id first.
    assert.deepEqual(seen, [[1, 0], [3, 4], [2]])
    // A cursor entry that no longer exists bounds by id alone.
    const unknown = await timeline.list({
      organizationId: org.id,
      subjectType: 'test.thing',
      subjectId: 1,
      before: 999_999_999,
    })
    assert.deepEqual(
      unknown.entries.map((e) => e.data.n),
      [1, 0, 4, 2]
    )
  })

  test('deleting a record keeps its audit trail and forgets its timeline', async ({ assert }) => {
    const org = await createOrganization()
    const subject = {
      organizationId: org.id,
      actorId: null,
      subjectType: 'test.thing',
      subjectId: 9,
    }
    await recordHistory.created(subject, { name: 'Efímera' })
    await recordHistory.deleted(subject, { name: 'Efímera' })
    assert.lengthOf(
      await db.from('timeline_events').where({ organization_id: org.id, subject_id: 9 }),
      0
    )
    const audit = await db
      .from('audit_logs')
      .where({ organization_id: org.id, subject_id: 9 })
      .orderBy('id')
    assert.deepEqual(
      audit.map((a) => [a.action, a.field, a.old_value]),
      [
        ['create', 'name', null],
        ['delete', 'name', 'Efímera'],
      ]
    )
  })
})
