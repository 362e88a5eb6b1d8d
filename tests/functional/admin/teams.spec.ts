import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createTeam, createUser } from '#tests/helpers/world'
import { adminWorld, fieldErrors, otherOrganization, write } from './_helpers.js'

test.group('Admin · teams', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a team is stored with its leader, members and the target in integer céntimos', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const leader = await createUser(org, {}, { fullName: 'Elena Líder' })
    const a = await createUser(org)
    const b = await createUser(org)
    const response = await write(client.post('/admin/teams'), admin, {
      name: 'Equipo Norte',
      leaderId: leader.id,
      memberIds: [a.id, b.id],
      monthlyTarget: '60.000,00',
      currency: 'eur',
    })
    response.assertHeader('location', '/admin/teams')
    response.assertFlashMessage('success', 'Equipo Equipo Norte creado.')
    const team = await db
      .from('teams')
      .where({ organization_id: org.id, name: 'Equipo Norte' })
      .first()
    assert.equal(String(team.monthly_target_minor), '6000000')
    assert.equal(team.currency, 'EUR')
    assert.equal(team.leader_id, leader.id)
    assert.sameMembers(
      (await db.from('team_members').where('team_id', team.id)).map((m) => m.user_id),
      [a.id, b.id]
    )

    const list = await client.get('/admin/teams').loginAs(admin).withInertia()
    const row = (list.inertiaProps.teams as any[]).find((t) => t.name === 'Equipo Norte')
    assert.deepInclude(row, {
      leader: 'Elena Líder',
      members: 2,
      monthlyTargetMinor: '6000000',
      currency: 'EUR',
    })

    const form = await client.get(`/admin/teams/${team.id}/edit`).loginAs(admin).withInertia()
    assert.equal(form.inertiaProps.team.monthlyTarget, '60.000,00')
  })

  test('amounts in both writings, with cents beyond float precision, are stored exactly', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const team = await createTeam(org, null, [], 'Equipo Sur')
    const cases: [string, string][] = [
      ['60000.00', '6000000'],
      ['1.234.567,89', '123456789'],
      ['9999999999999.99', '999999999999999'],
      ['0,1', '10'],
    ]
    for (const [typed, stored] of cases) {
      const response = await write(client.put(`/admin/teams/${team.id}`), admin, {
        name: 'Equipo Sur',
        memberIds: [],
        monthlyTarget: typed,
        currency: 'EUR',
      })
      response.assertFlashMessage('success', 'Equipo Equipo Sur guardado.')
      const row = await db.from('teams').where('id', team.id).first()
      assert.equal(String(row.monthly_target_minor), stored, typed)
    }
  })

  test('a malformed or negative target is refused with a translated message', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    for (const typed of ['60,000,0', 'sesenta', '-5', '1,234', '12.3456']) {
      const response = await write(client.post('/admin/teams'), admin, {
        name: 'Equipo X',
        memberIds: [],
        monthlyTarget: typed,
        currency: 'EUR',
      })
      if (typed === '1,234') {
        // "1,234" is read as one thousand two hundred and thirty-four, not refused.
        response.assertFlashMessage('success', 'Equipo Equipo X creado.')
        await db.from('teams').where({ organization_id: org.id, name: 'Equipo X' }).delete()
        continue
      }
      assert.equal(
        fieldErrors(response).monthlyTarget,
        'Escriba un importe válido, por ejemplo 60.000,00',
        typed
      )
    }
    const english = await createUser(org, { isAdmin: true }, { locale: 'en' })
    const en = await write(client.post('/admin/teams'), english, {
      name: 'Equipo X',
      memberIds: [],
      monthlyTarget: 'abc',
      currency: 'EUR',
    })
    assert.equal(fieldErrors(en).monthlyTarget, 'Type a valid amount, e.g. 60,000.00')
  })

  test('only currencies with two decimals are accepted (the target is stored in hundredths)', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    for (const currency of ['JPY', 'CLP', 'KWD', 'XYZ', 'eu']) {
      const refused = await write(client.post('/admin/teams'), admin, {
        name: 'Equipo Tokio',
        memberIds: [],
        monthlyTarget: '60.000,00',
        currency,
      })
      assert.equal(fieldErrors(refused).currency, 'Elija una moneda de la lista', currency)
    }
    assert.isNull(
      await db.from('teams').where({ organization_id: org.id, name: 'Equipo Tokio' }).first()
    )

    const usd = await write(client.post('/admin/teams'), admin, {
      name: 'Equipo Miami',
      memberIds: [],
      monthlyTarget: '1,500.50',
      currency: 'usd',
    })
    usd.assertFlashMessage('success', 'Equipo Equipo Miami creado.')
    const row = await db
      .from('teams')
      .where({ organization_id: org.id, name: 'Equipo Miami' })
      .firstOrFail()
    assert.deepEqual([String(row.monthly_target_minor), row.currency], ['150050', 'USD'])

    const form = await client.get('/admin/teams/create').loginAs(admin).withInertia()
    const offered = form.inertiaProps.currencies as string[]
    assert.includeMembers(offered, ['EUR', 'USD', 'GBP', 'MXN'])
    assert.notInclude(offered, 'JPY')
    assert.equal(form.inertiaProps.defaultCurrency, 'EUR')
  })

  test('names are unique per organization and members must belong to it', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await createTeam(org, null, [], 'Equipo Centro')
    const taken = await write(client.post('/admin/teams'), admin, {
      name: 'Equipo Centro',
      memberIds: [],
      monthlyTarget: '0',
      currency: 'EUR',
    })
    assert.equal(fieldErrors(taken).name, 'Ya existe uno con ese nombre en su empresa')
    const other = await otherOrganization()
    const foreign = await write(client.post('/admin/teams'), admin, {
      name: 'Equipo Mixto',
      memberIds: [other.user.id],
      monthlyTarget: '0',
      currency: 'EUR',
    })
    assert.equal(
      fieldErrors(foreign).memberIds,
      'Uno de los usuarios elegidos no pertenece a su empresa.'
    )
    assert.isNull(
      await db.from('teams').where({ organization_id: org.id, name: 'Equipo Mixto' }).first()
    )
  })

  test('deleting a team removes its memberships and is audited', async ({ client, assert }) => {
    const { org, admin } = await adminWorld()
    const member = await createUser(org)
    const team = await createTeam(org, null, [member], 'Equipo Efímero')
    const response = await write(client.delete(`/admin/teams/${team.id}`), admin)
    response.assertFlashMessage('success', 'Equipo Equipo Efímero eliminado.')
    assert.isNull(await db.from('teams').where('id', team.id).first())
    assert.lengthOf(await db.from('team_members').where('team_id', team.id), 0)
    assert.isNotNull(await db.from('users').where('id', member.id).first())
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'kernel.team', subject_id: team.id, action: 'delete', field: 'name' })
      .first()
    assert.equal(audit.old_value, 'Equipo Efímero')
  })
})
