import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { addAbsence, awayUserIds, dayIn } from '#app/users/absences'
import { adminWorld } from '../admin/_helpers.js'

/*
 * Absences: a user is away on every day of [starts_on, ends_on] in the organization's time
 * zone; the profile and the administration add and remove periods (end ≥ start), and nobody
 * reaches another organization's users.
 */

const json = (request: any, user: any, body?: Record<string, unknown>) => {
  const r = request.loginAs(user).header('accept', 'application/json').withCsrfToken()
  return body ? r.json(body) : r
}

test.group('User absences', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('awayUserIds: both ends of the period count, the days around do not', async ({ assert }) => {
    const org = await createOrganization()
    const [ana, luis] = [await createUser(org), await createUser(org)]
    await addAbsence({
      organizationId: org.id,
      userId: ana.id,
      actorId: null,
      startsOn: '2026-12-07',
      endsOn: '2026-12-11',
    })
    const at = (iso: string) => awayUserIds(org.id, new Date(iso))
    assert.deepEqual([...(await at('2026-12-06T12:00:00Z'))], [])
    assert.deepEqual([...(await at('2026-12-07T12:00:00Z'))], [ana.id])
    assert.deepEqual([...(await at('2026-12-11T12:00:00Z'))], [ana.id])
    assert.deepEqual([...(await at('2026-12-12T12:00:00Z'))], [])
    assert.notInclude([...(await at('2026-12-09T12:00:00Z'))], luis.id)
  })

  test('the day follows the organization time zone', async ({ assert }) => {
    const org = await createOrganization()
    org.timezone = 'Europe/Madrid'
    await org.save()
    const ana = await createUser(org)
    await addAbsence({
      organizationId: org.id,
      userId: ana.id,
      actorId: null,
      startsOn: '2026-12-07',
      endsOn: '2026-12-07',
    })
    // 23:30 UTC on the 6th is already the 7th in Madrid.
    assert.equal(dayIn(new Date('2026-12-06T23:30:00Z'), 'Europe/Madrid'), '2026-12-07')
    assert.deepEqual([...(await awayUserIds(org.id, new Date('2026-12-06T23:30:00Z')))], [ana.id])
  })

  test('profile: add, list and remove my own periods; end before start is refused', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const user = await createUser(org)
    const bad = await json(client.post('/profile/absences'), user, {
      startsOn: '2026-12-10',
      endsOn: '2026-12-09',
    })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'endsOn')
    assert.equal(await count(user.id), 0)

    const added = await json(client.post('/profile/absences'), user, {
      startsOn: '2026-12-10',
      endsOn: '2026-12-10',
      reason: 'Médico',
    })
    added.assertStatus(201)
    const listed = await json(client.get('/profile/absences'), user)
    assert.deepEqual(
      listed.body().absences.map((a: any) => [a.startsOn, a.endsOn, a.reason, a.source]),
      [['2026-12-10', '2026-12-10', 'Médico', 'manual']]
    )
    const removed = await json(client.delete(`/profile/absences/${added.body().id}`), user)
    removed.assertStatus(200)
    assert.equal(await count(user.id), 0)
  })

  test("administration: a user's periods; another organization's user or period is 404", async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const rep = await createUser(org)
    const other = await createUser(await createOrganization())
    const url = `/admin/users/${rep.id}/absences`
    const added = await json(client.post(url), admin, {
      startsOn: '2026-12-14',
      endsOn: '2026-12-18',
    })
    added.assertStatus(201)
    assert.equal(
      (await db.from('user_absences').where('id', added.body().id).first()).created_by,
      admin.id
    )
    ;(
      await json(client.post(`/admin/users/${other.id}/absences`), admin, {
        startsOn: '2026-12-14',
        endsOn: '2026-12-18',
      })
    ).assertStatus(404)
    ;(await json(client.get(`/admin/users/${other.id}/absences`), admin)).assertStatus(404)
    // A period of another user through this user's address: 404, nothing removed.
    const admins = await json(client.post('/profile/absences'), admin, {
      startsOn: '2026-12-01',
      endsOn: '2026-12-02',
    })
    ;(await json(client.delete(`${url}/${admins.body().id}`), admin)).assertStatus(404)
    assert.equal(await count(admin.id), 1)
    // A non-administrator cannot reach the administration's routes.
    ;(await json(client.get(url), rep)).assertStatus(403)
  })
})

async function count(userId: number) {
  const row = await db.from('user_absences').where('user_id', userId).count('* as n').first()
  return Number(row?.n ?? 0)
}
