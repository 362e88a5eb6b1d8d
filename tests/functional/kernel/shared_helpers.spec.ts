import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { AccessContext } from '#app/access/access_context'
import { registerProbePermissionKeys } from '#app/access/permission_keys'
import { assignableOwners, canAssign, recordActions, resolveOwner } from '#app/access/owners'
import { insertId, insertInBatches, insertManyIds } from '#app/support/db'
import { prefixUpperBound, wherePrefix, whereWords } from '#app/support/like'
import { exportDate, notFound } from '#app/support/http'
import { RuleError } from '#app/support/rule_error'
import { moduleRegistry } from '#app/registry/main'
import { createOrganization, createUser } from '#tests/helpers/world'

/*
 * The server helpers every module shares (owners, prefix/word search, batch inserts, request
 * helpers), on kernel tables and a probe resource: no module is needed.
 */

const PROBE = 'probe.things'

test.group('Shared helpers · owners of a scoped resource', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.setup(async () => {
    await moduleRegistry()
    return registerProbePermissionKeys(
      ['view', 'create', 'edit', 'delete'].map((a) => `${PROBE}.${a}`)
    )
  })

  test('who may own a record: everyone for "all", oneself for "own", nobody without the permission', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const boss = await createUser(org, { isAdmin: true }, { fullName: 'Berta Jefa' })
    const rep = await createUser(
      org,
      { permissions: [`${PROBE}.view`, `${PROBE}.create`], scopes: { [PROBE]: 'own' } },
      { fullName: 'Ana Comercial' }
    )
    const gone = await createUser(org, {}, { fullName: 'Carlos Baja', isActive: false })
    const stranger = await createUser(await createOrganization(), { isAdmin: true })
    const bossAccess = await AccessContext.forUser(boss)
    const repAccess = await AccessContext.forUser(rep)

    const all = await assignableOwners(bossAccess, PROBE, { action: 'create' })
    assert.deepEqual(
      all.map((o) => o.label),
      ['Ana Comercial', 'Berta Jefa'],
      'active users of the organization, by name'
    )
    assert.includeMembers(
      (await assignableOwners(bossAccess, PROBE, { activeOnly: false })).map((o) => o.value),
      [String(gone.id)]
    )
    assert.notInclude(
      all.map((o) => o.value),
      String(stranger.id)
    )
    const own = await assignableOwners(repAccess, PROBE, { action: 'create' })
    assert.deepEqual(own, [{ value: String(rep.id), label: 'Ana Comercial' }])
    assert.isFalse(canAssign(own, rep.id), 'nobody else to give records to')
    assert.isTrue(canAssign(all, boss.id))
    assert.deepEqual(await assignableOwners(repAccess, PROBE, { action: 'edit' }), [])

    assert.equal(
      await resolveOwner({
        access: repAccess,
        resource: PROBE,
        action: 'create',
        requested: undefined,
      }),
      rep.id,
      'the acting user by default'
    )
    assert.equal(
      await resolveOwner({
        access: repAccess,
        resource: PROBE,
        action: 'edit',
        requested: gone.id,
        current: gone.id,
      }),
      gone.id,
      'an unchanged owner stays, even one who left'
    )
    assert.equal(
      await resolveOwner({
        access: bossAccess,
        resource: PROBE,
        action: 'create',
        requested: rep.id,
      }),
      rep.id
    )
    try {
      await resolveOwner({
        access: repAccess,
        resource: PROBE,
        action: 'create',
        requested: boss.id,
      })
      assert.fail('a rep limited to her own records gave one away')
    } catch (error) {
      assert.instanceOf(error, RuleError)
      assert.deepEqual(
        [(error as RuleError).key, (error as RuleError).field],
        ['errors.owner_not_assignable', 'ownerId']
      )
    }
    assert.deepEqual(await recordActions(repAccess, PROBE, rep.id), { edit: false, delete: false })
    assert.deepEqual(await recordActions(bossAccess, PROBE, rep.id), { edit: true, delete: true })
  })
})

test.group('Shared helpers · search and batch inserts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the prefix upper bound is the smallest string after every string with that prefix', ({
    assert,
  }) => {
    assert.equal(prefixUpperBound('abc'), 'abd')
    assert.equal(prefixUpperBound('ab\uffff'), 'ac')
    assert.isNull(prefixUpperBound(''))
    for (const s of ['abc', 'abc ', 'abcz', 'abc\u00e9'])
      assert.isTrue(s >= 'abc' && s < prefixUpperBound('abc')!, s)
    assert.isFalse('abd' < prefixUpperBound('abc')!)
  })

  test('a prefix and the starts of words find the right rows; LIKE wildcards are literal', async ({
    assert,
  }) => {
    const org = await createOrganization()
    for (const name of ['Ana García López', 'Anabel Ruiz', 'Juan Anaya', 'Luis 100% Seguro'])
      await createUser(org, {}, { fullName: name })
    const names = async (apply: (q: any) => any) =>
      (
        await apply(
          db.from('users').where('organization_id', org.id).orderBy('full_name').select('full_name')
        )
      ).map((r: any) => r.full_name)

    assert.deepEqual(await names((q) => wherePrefix(q, 'full_name_normalized', 'ana')), [
      'Ana García López',
      'Anabel Ruiz',
    ])
    assert.deepEqual(await names((q) => whereWords(q, ['full_name_normalized'], 'lopez ana')), [
      'Ana García López',
    ])
    assert.deepEqual(await names((q) => whereWords(q, ['full_name_normalized'], 'ana')), [
      'Ana García López',
      'Anabel Ruiz',
      'Juan Anaya',
    ])
    assert.deepEqual(await names((q) => whereWords(q, ['full_name_normalized'], '100%')), [
      'Luis 100% Seguro',
    ])
    assert.deepEqual(await names((q) => wherePrefix(q, 'full_name_normalized', 'luis 10_')), [])
  })

  test('batch inserts go in statements the databases accept and give ids back in order', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const row = (i: number) => ({
      organization_id: org.id,
      subject_type: 'probe.thing',
      subject_id: i,
      kind: 'note',
      data: JSON.stringify({ body: `n${i}` }),
      created_at: '2026-01-01 00:00:00',
    })
    // 6 columns: 333 rows a statement, so 700 rows take three.
    await insertInBatches(
      db.connection(),
      'timeline_events',
      Array.from({ length: 700 }, (_, i) => row(i))
    )
    await insertInBatches(db.connection(), 'timeline_events', [])
    const count = async () =>
      Number(
        (await db.from('timeline_events').where('organization_id', org.id).count('* as n'))[0].n
      )
    assert.equal(await count(), 700)

    const id = await insertId(db.connection(), 'timeline_events', row(1000))
    const found = await db.from('timeline_events').where('id', id).first()
    assert.equal(found.subject_id, 1000)

    const rows = Array.from({ length: 400 }, (_, i) => row(2000 + i))
    const ids = await insertManyIds(db.connection(), 'timeline_events', rows, 'data')
    const back = await db.from('timeline_events').whereIn('id', ids).select('id', 'subject_id')
    const byId = new Map(back.map((r) => [Number(r.id), Number(r.subject_id)]))
    assert.deepEqual(
      ids.map((i) => byId.get(i)),
      rows.map((r) => r.subject_id)
    )
  })

  test('request helpers: a missing record is a 404, export dates are in the user time zone', ({
    assert,
  }) => {
    assert.throws(notFound, 'Not found')
    try {
      notFound()
    } catch (error: any) {
      assert.equal(error.status, 404)
    }
    assert.equal(exportDate('Europe/Madrid')('2026-03-31T23:30:00Z'), '01/04/2026')
    assert.equal(exportDate('UTC')('2026-03-31T23:30:00Z'), '31/03/2026')
  })
})
