import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam } from '#tests/helpers/world'
import { insertOpportunity, stagesByName } from '../pipeline_helpers.js'
import { flat, insertQuota, quotaUser } from '../quotas_helpers.js'

const months = (minor: number) => flat(minor).map(String)

test.group('Quotas · page, validation, permissions and scope', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a manager creates a quota; months must add up; a duplicate is refused in Spanish', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const boss = await quotaUser(org, 'all', true)
    const rep = await quotaUser(org, 'own', false, 'Ana')
    const post = (body: object) =>
      client.post('/crm/quotas').json(body).accept('json').withCsrfToken().loginAs(boss)
    const body = { kind: 'user', userId: rep.id, year: 2025, amountMinor: '1200000' }

    const wrong = await post({ ...body, months: [...months(100_000).slice(0, 11), '99999'] })
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].field, 'months')
    assert.equal(
      wrong.body().errors[0].message,
      'La suma de los doce meses debe ser igual a la cuota anual.'
    )
    const short = await post({ ...body, months: months(100_000).slice(0, 11) })
    short.assertStatus(422)
    assert.lengthOf(await db.from('crm_quotas').where('organization_id', org.id), 0)

    // "Repartir por igual" leaves the remainder in December: 1,000.01 € → 11 × 83.33 + 83.38.
    const split = [...Array(11).fill('8333'), '8338']
    ;(await post({ ...body, amountMinor: '100001', months: split })).assertStatus(200)
    const row = await db.from('crm_quotas').where('organization_id', org.id).firstOrFail()
    assert.equal(String(row.amount_minor), '100001')
    assert.equal(String(row.m12_minor), '8338')
    assert.equal(row.currency, org.currency)

    const again = await post({ ...body, months: months(100_000) })
    again.assertStatus(422)
    assert.equal(again.body().errors[0].message, 'Ya existe una cuota para este objetivo y año.')
    // Another year is another quota; editing keeps its own key.
    ;(await post({ ...body, year: 2026, months: months(100_000) })).assertStatus(200)
    const put = await client
      .put(`/crm/quotas/${row.id}`)
      .json({ ...body, months: months(100_000) })
      .accept('json')
      .withCsrfToken()
      .loginAs(boss)
    put.assertStatus(200)
    const saved = await db.from('crm_quotas').where('id', row.id).firstOrFail()
    assert.equal(String(saved.amount_minor), '1200000')
    assert.equal(String(saved.m12_minor), '100000')
  })

  test('a rep sees only own quotas and cannot manage; the manager sees all; other orgs never', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const boss = await quotaUser(org, 'all', true, 'Dirección')
    const ana = await quotaUser(org, 'own', false, 'Ana')
    const luis = await quotaUser(org, 'own', false, 'Luis')
    const leader = await quotaUser(org, 'team', true, 'Jefa')
    const team = await createTeam(org, leader, [ana], 'Norte')
    const anaQuota = await insertQuota(org, { kind: 'user', user: ana }, 2025, flat(100_000))
    await insertQuota(org, { kind: 'user', user: luis }, 2025, flat(50_000))
    await insertQuota(org, { kind: 'team', teamId: team.id }, 2025, flat(300_000))
    await insertQuota(org, { kind: 'zone', code: 'norte' }, 2025, flat(400_000))
    const s = await stagesByName(org)
    await insertOpportunity(org, {
      stage_id: s['Ganada'].id,
      owner_id: ana.id,
      status: 'won',
      amount_minor: 150_000,
      won_at: '2025-02-10 12:00:00',
    })
    const other = await createOrganization(['crm'])
    const stranger = await quotaUser(other, 'all', true)
    await insertQuota(other, { kind: 'user', user: stranger }, 2025, flat(1))

    const page = async (user: typeof ana) => {
      const response = await client
        .get('/crm/quotas?year=2025&period=month&month=2')
        .loginAs(user)
        .withInertia()
      response.assertStatus(200)
      return response.inertiaProps as any
    }
    const seen = async (user: typeof ana) =>
      (await page(user)).quotas.map((q: any) => `${q.kind}:${q.targetLabel}`)

    const anaPage = await page(ana)
    assert.deepEqual(
      anaPage.quotas.map((q: any) => q.targetLabel),
      ['Ana']
    )
    assert.isFalse(anaPage.canManage)
    assert.include(anaPage.quotas[0].attainment, {
      targetMinor: '100000',
      actualMinor: '150000',
      attainmentPct: 150,
    })
    assert.deepEqual(await seen(luis), ['user:Luis'])
    // Team scope: the members' quotas and the team the leader leads; no zone.
    assert.deepEqual(await seen(leader), ['user:Ana', 'team:Norte'])
    assert.deepEqual(await seen(boss), ['user:Ana', 'user:Luis', 'team:Norte', 'zone:Norte'])

    const write = { kind: 'user', userId: ana.id, year: 2027, amountMinor: '0', months: months(0) }
    ;(
      await client.post('/crm/quotas').json(write).accept('json').withCsrfToken().loginAs(ana)
    ).assertStatus(403)
    ;(
      await client
        .put(`/crm/quotas/${anaQuota}`)
        .json(write)
        .accept('json')
        .withCsrfToken()
        .loginAs(ana)
    ).assertStatus(403)
    // The leader may not set a zone quota nor one for a rep outside the team.
    const zone = await client
      .post('/crm/quotas')
      .json({ ...write, kind: 'zone', targetCode: 'sur', userId: null })
      .accept('json')
      .withCsrfToken()
      .loginAs(leader)
    zone.assertStatus(422)
    assert.equal(zone.body().errors[0].message, 'Elija un objetivo válido que pueda gestionar.')
    const outside = await client
      .post('/crm/quotas')
      .json({ ...write, userId: luis.id })
      .accept('json')
      .withCsrfToken()
      .loginAs(leader)
    outside.assertStatus(422)
    // Another organization's quota is not found, to read or to write.
    ;(
      await client
        .put(`/crm/quotas/${anaQuota}`)
        .json(write)
        .accept('json')
        .withCsrfToken()
        .loginAs(stranger)
    ).assertStatus(404)
    ;(
      await client
        .delete(`/crm/quotas/${anaQuota}`)
        .accept('json')
        .withCsrfToken()
        .loginAs(stranger)
    ).assertStatus(404)
    assert.deepEqual(await seen(stranger), [`user:${stranger.fullName}`])
    ;(
      await client.delete(`/crm/quotas/${anaQuota}`).accept('json').withCsrfToken().loginAs(boss)
    ).assertStatus(200)
    assert.isNull(await db.from('crm_quotas').where('id', anaQuota).first())
  })

  test('no quotas: the page says what to do next; without the permission it is forbidden', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const boss = await quotaUser(org, 'all', true)
    const response = await client.get('/crm/quotas').loginAs(boss).withInertia()
    response.assertStatus(200)
    const props = response.inertiaProps as any
    assert.lengthOf(props.quotas, 0)
    assert.isTrue(props.canManage)
    assert.equal(props.period, 'ytd')
    assert.include(
      props.options.family.map((o: any) => o.value),
      'erp'
    )
    const nobody = await quotaUser(org, 'own')
    await db.from('role_permissions').where('permission', 'crm.quotas.view').delete()
    ;(await client.get('/crm/quotas').loginAs(nobody)).assertStatus(403)
  })
})
