import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import type User from '#models/user'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import { crmUser, insertCompanies, insertCompany, insertContact } from '../helpers.js'

/**
 * An organization whose people see different parts of the CRM:
 *   manager ─┬─ leader ── rep2        team "Norte": leader (lead), rep2, teammate
 *            ├─ rep
 *            └─ teammate              outsider: reports to nobody, in no team
 * Each of them owns one company named after them; another organization has one too.
 */
async function world() {
  const org = await createOrganization(['crm'])
  const manager = await crmUser(org, 'hierarchy', { fullName: 'Manager' })
  const leader = await crmUser(org, 'team', { fullName: 'Leader', reportsToId: manager.id })
  const rep = await crmUser(org, 'own', { fullName: 'Rep', reportsToId: manager.id })
  const rep2 = await crmUser(org, 'own', { fullName: 'Rep2', reportsToId: leader.id })
  const teammate = await crmUser(org, 'own', { fullName: 'Teammate', reportsToId: manager.id })
  const outsider = await crmUser(org, 'own', { fullName: 'Outsider' })
  const support = await crmUser(org, 'all', {}, ['view', 'export'])
  const admin = await createUser(org, { isAdmin: true })
  await createTeam(org, leader, [rep2, teammate], 'Norte')
  const ids: Record<string, number> = {}
  for (const [key, owner] of Object.entries({ manager, leader, rep, rep2, teammate, outsider })) {
    ids[key] = await insertCompany(org, { name: `Empresa de ${key}`, owner_id: owner.id })
  }
  const other = await createOrganization(['crm'])
  const otherAdmin = await createUser(other, { isAdmin: true })
  ids.other = await insertCompany(other, {
    name: 'Empresa de otra organización',
    owner_id: otherAdmin.id,
  })
  return {
    org,
    other,
    users: { manager, leader, rep, rep2, teammate, outsider, support, admin, otherAdmin },
    ids,
  }
}

const names = (response: any) => response.inertiaProps.companies.map((c: any) => c.name).sort()

test.group('Record scopes on companies', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each scope sees its own part of the list, and the count matches', async ({
    client,
    assert,
  }) => {
    const { users } = await world()
    const expected: [User, string[]][] = [
      [users.rep, ['rep']],
      [users.leader, ['leader', 'rep2', 'teammate']],
      [users.manager, ['leader', 'manager', 'rep', 'rep2', 'teammate']],
      [users.support, ['leader', 'manager', 'outsider', 'rep', 'rep2', 'teammate']],
      [users.admin, ['leader', 'manager', 'outsider', 'rep', 'rep2', 'teammate']],
      [users.otherAdmin, ['other']],
    ]
    for (const [user, keys] of expected) {
      const response = await client.get('/crm/companies').loginAs(user).withInertia()
      response.assertStatus(200)
      const wanted = keys
        .map((k) => (k === 'other' ? 'Empresa de otra organización' : `Empresa de ${k}`))
        .sort()
      assert.deepEqual(names(response), wanted, user.fullName)
      assert.deepEqual(
        response.inertiaProps.count,
        { value: keys.length, capped: false },
        user.fullName
      )
    }
  })

  test('hierarchy follows reporting lines, not teams', async ({ client, assert }) => {
    const { users } = await world()
    const roles = db.from('user_roles').where('user_id', users.leader.id).select('role_id')
    await db.from('role_scopes').whereIn('role_id', roles).update({ scope: 'hierarchy' })
    const response = await client.get('/crm/companies').loginAs(users.leader).withInertia()
    assert.deepEqual(names(response), ['Empresa de leader', 'Empresa de rep2'])
  })

  test('out of scope is 404 everywhere (own, team, hierarchy): detail, edit, update, delete, notes, timeline', async ({
    client,
    assert,
  }) => {
    const { users, ids } = await world()
    // The outsider's company is beyond every limited scope; the other organization's beyond all.
    for (const user of [users.rep, users.leader, users.manager]) {
      for (const target of [ids.outsider, ids.other]) {
        const base = `/crm/companies/${target}`
        const responses = [
          await client.get(base).loginAs(user).withInertia(),
          await client.get(`${base}/edit`).loginAs(user).withInertia(),
          await client.get(`${base}/timeline`).loginAs(user),
          await client
            .put(base)
            .json({ name: 'Robada', type: 'cliente' })
            .loginAs(user)
            .withCsrfToken()
            .withInertia(),
          await client.delete(base).loginAs(user).withCsrfToken().withInertia(),
          await client
            .post(`${base}/notes`)
            .json({ body: 'hola' })
            .loginAs(user)
            .withCsrfToken()
            .withInertia(),
        ]
        for (const response of responses) response.assertStatus(404)
      }
    }
    const untouched = await db
      .from('crm_companies')
      .whereIn('id', [ids.outsider, ids.other])
      .orderBy('id')
      .select('name')
    assert.deepEqual(
      untouched.map((c) => c.name),
      ['Empresa de outsider', 'Empresa de otra organización'],
      'nothing renamed or deleted'
    )
    assert.lengthOf(
      await db
        .from('timeline_events')
        .where({ subject_type: 'crm.company', subject_id: ids.outsider }),
      0,
      'no note slipped in'
    )
    for (const [user, key] of [
      [users.rep, 'rep'],
      [users.leader, 'rep2'],
      [users.manager, 'rep2'],
    ] as const) {
      ;(await client.get(`/crm/companies/${ids[key]}`).loginAs(user).withInertia()).assertStatus(
        200
      )
    }
  })

  test("another organization's records stay invisible even to this organization's administrator", async ({
    client,
  }) => {
    const { users, ids } = await world()
    const response = await client
      .get(`/crm/companies/${ids.other}`)
      .loginAs(users.admin)
      .withInertia()
    response.assertStatus(404)
    response.assertInertiaComponent('errors/not_found')
    const search = await client
      .get('/crm/companies?q=empresa de otra')
      .loginAs(users.admin)
      .withInertia()
    search.assertInertiaPropsContains({ companies: [] })
  })

  test('without the permission: 403 (view, create, edit, delete, export)', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const nobody = await createUser(org)
    const viewer = await createUser(org, {
      permissions: ['crm.companies.view'],
      scopes: { 'crm.companies': 'all' },
    })
    const id = await insertCompany(org, { owner_id: viewer.id })
    ;(await client.get('/crm/companies').loginAs(nobody).withInertia()).assertStatus(403)
    ;(await client.get(`/crm/companies/${id}`).loginAs(nobody).withInertia()).assertStatus(403)
    ;(await client.get('/crm/companies/create').loginAs(viewer).withInertia()).assertStatus(403)
    ;(
      await client
        .post('/crm/companies')
        .json({ name: 'X', type: 'cliente' })
        .loginAs(viewer)
        .withCsrfToken()
        .withInertia()
    ).assertStatus(403)
    ;(await client.get(`/crm/companies/${id}/edit`).loginAs(viewer).withInertia()).assertStatus(403)
    ;(
      await client.delete(`/crm/companies/${id}`).loginAs(viewer).withCsrfToken().withInertia()
    ).assertStatus(403)
    ;(await client.get('/crm/companies/export').loginAs(viewer)).assertStatus(403)
    const forbidden = await client.get('/crm/companies').loginAs(nobody).withInertia()
    forbidden.assertInertiaComponent('errors/forbidden')
  })

  test('the export holds only the rows the user may see', async ({ client, assert }) => {
    const { users } = await world()
    const response = await client.get('/crm/companies/export').loginAs(users.support)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = response
      .text()
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(lines[0].split(';')[0], 'Nombre')
    assert.lengthOf(lines, 7, 'header + 6 companies of the organization')
    assert.notInclude(response.text(), 'otra organización')

    const leader = await client.get('/crm/companies/export?sort=-name').loginAs(users.leader)
    assert.deepEqual(
      leader
        .text()
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(';')[0]),
      ['Empresa de teammate', 'Empresa de rep2', 'Empresa de leader']
    )
  })

  test('counts stop at 10.000 but never include rows out of scope', async ({ client, assert }) => {
    const org: Organization = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const colleague = await crmUser(org, 'own')
    const admin = await createUser(org, { isAdmin: true })
    await insertCompanies(org, 10_001, (i) => ({ name: `Ajena ${i}`, owner_id: colleague.id }))
    for (const name of ['Mía 1', 'Mía 2', 'Mía 3'])
      await insertCompany(org, { name, owner_id: rep.id })

    const mine = await client.get('/crm/companies').loginAs(rep).withInertia()
    mine.assertInertiaPropsContains({ count: { value: 3, capped: false } })
    const all = await client.get('/crm/companies').loginAs(admin).withInertia()
    all.assertInertiaPropsContains({ count: { value: 10_000, capped: true } })
    const exact = await client.get('/crm/companies?count=exact').loginAs(admin).withInertia()
    exact.assertInertiaPropsContains({ count: { value: 10_004, capped: false } })
    assert.lengthOf(exact.inertiaProps.companies, 25)
  })
})

test.group('Record scopes on contacts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test(
    'a company page lists only the contacts the user may see; ' +
      'a visible contact never names an invisible company',
    async ({ client, assert }) => {
      const { org, users, ids } = await world()
      await insertContact(org, {
        company_id: ids.rep,
        owner_id: users.rep.id,
        first_name: 'Propio',
      })
      await insertContact(org, {
        company_id: ids.rep,
        owner_id: users.outsider.id,
        first_name: 'Ajeno',
      })
      const atHidden = await insertContact(org, {
        company_id: ids.outsider,
        owner_id: users.rep.id,
        first_name: 'Cruzado',
      })

      const page = await client.get(`/crm/companies/${ids.rep}`).loginAs(users.rep).withInertia()
      assert.deepEqual(
        page.inertiaProps.contacts.map((c: any) => c.name),
        ['Propio Prueba']
      )

      const list = await client.get('/crm/contacts').loginAs(users.rep).withInertia()
      assert.deepEqual(
        list.inertiaProps.contacts.map((c: any) => [c.name, c.companyName]),
        [
          ['Cruzado Prueba', null],
          ['Propio Prueba', 'Empresa de rep'],
        ]
      )
      list.assertInertiaPropsContains({ count: { value: 2, capped: false } })

      const detail = await client.get(`/crm/contacts/${atHidden}`).loginAs(users.rep).withInertia()
      assert.isNull(detail.inertiaProps.contact.companyName)
      assert.isNull(detail.inertiaProps.contact.companyId)

      const csv = await client.get('/crm/contacts/export').loginAs(users.rep)
      assert.notInclude(csv.text(), 'Ajeno')
      assert.notInclude(csv.text(), 'Empresa de outsider')
    }
  )

  test('contacts out of scope answer 404', async ({ client }) => {
    const { org, users } = await world()
    const hidden = await insertContact(org, { owner_id: users.outsider.id })
    ;(await client.get(`/crm/contacts/${hidden}`).loginAs(users.rep).withInertia()).assertStatus(
      404
    )
    ;(
      await client
        .delete(`/crm/contacts/${hidden}`)
        .loginAs(users.rep)
        .withCsrfToken()
        .withInertia()
    ).assertStatus(404)
    ;(
      await client.get(`/crm/contacts/${hidden}`).loginAs(users.support).withInertia()
    ).assertStatus(200)
  })
})
