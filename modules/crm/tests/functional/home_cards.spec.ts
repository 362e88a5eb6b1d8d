import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'
import { companyPayload, crmUser, insertCompany } from '../helpers.js'

const widget = (response: any, key: string) =>
  response.inertiaProps.widgets.find((w: any) => w.key === key)

async function addNote(client: any, user: any, company: number, body: string) {
  const response = await client
    .post(`/crm/companies/${company}/notes`)
    .json({ body })
    .loginAs(user)
    .withCsrfToken()
    .withInertia()
    .redirects(0)
  response.assertStatus(302)
}

async function rename(client: any, user: any, company: number, name: string) {
  const response = await client
    .put(`/crm/companies/${company}`)
    .json(companyPayload({ name }))
    .loginAs(user)
    .withCsrfToken()
    .withInertia()
    .redirects(0)
  response.assertStatus(303)
}

test.group('Home "Mi día": cards', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each rep sees changes and notes of her own records only, scope-filtered', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const ana = await crmUser(org, 'own', { fullName: 'Ana Pérez' } as any)
    const luis = await crmUser(org, 'own', { fullName: 'Luis Gómez' } as any)
    const mine = await insertCompany(org, { owner_id: ana.id, name: 'Ferretería Ana' })
    const his = await insertCompany(org, { owner_id: luis.id, name: 'Talleres Luis' })
    await rename(client, ana, mine, 'Ferretería Ana S.L.')
    await rename(client, luis, his, 'Talleres Luis S.L.')
    await addNote(client, luis, his, 'Llamar a Luis el lunes')
    await addNote(client, ana, mine, 'Enviar presupuesto')

    const home = await client.get('/').loginAs(ana).withInertia()
    home.assertStatus(200)
    const keys = home.inertiaProps.widgets.map((w: any) => w.key)
    assert.includeMembers(keys, [
      'kernel.notifications',
      'crm.recent_changes',
      'crm.recent_notes',
      'crm.team_target',
      'crm.quick_create',
    ])
    const changes = widget(home, 'crm.recent_changes').data
    assert.deepEqual(
      changes.items.map((i: any) => [i.title, i.href]),
      [['Ferretería Ana S.L.', `/crm/companies/${mine}`]]
    )
    assert.include(changes.items[0].detail, 'Ana Pérez')
    const notes = widget(home, 'crm.recent_notes').data
    assert.deepEqual(
      notes.items.map((i: any) => [i.title, i.detail]),
      [['Ferretería Ana S.L.', 'Ana Pérez: Enviar presupuesto']]
    )
    assert.notInclude(JSON.stringify(home.inertiaProps.widgets), 'Talleres Luis')
    assert.deepEqual(
      widget(home, 'crm.quick_create').data.links.map((l: any) => l.href),
      ['/crm/companies/create', '/crm/contacts/create']
    )
    assert.isAbove(home.inertiaProps.cards.length, 0, 'the module link cards stay')
  })

  test('changes on her records show even behind thousands of newer entries on others', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const ana = await crmUser(org, 'own', { fullName: 'Ana Pérez' } as any)
    const luis = await crmUser(org, 'own', { fullName: 'Luis Gómez' } as any)
    const mine = await insertCompany(org, { owner_id: ana.id, name: 'Ferretería Ana' })
    const old = await insertCompany(org, { owner_id: ana.id, name: 'Bodegas Antiguas' })
    const his = await insertCompany(org, { owner_id: luis.id, name: 'Talleres Luis' })
    const at = (daysAgo: number) =>
      new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 19).replace('T', ' ')
    const entry = (subjectId: number, daysAgo: number) => ({
      organization_id: org.id,
      subject_type: 'crm.company',
      subject_id: subjectId,
      kind: 'updated',
      actor_id: luis.id,
      data: JSON.stringify({ changes: [] }),
      created_at: at(daysAgo),
    })
    // Ana's two changes: one inside the 30-day window, one before it; then more entries on
    // Luis's company than the first pass reads (RECENT_SCAN), all newer.
    await db.table('timeline_events').multiInsert([entry(old, 40), entry(mine, 10)])
    const others = Array.from({ length: 2100 }, () => entry(his, 1))
    for (let i = 0; i < others.length; i += 300)
      await db.table('timeline_events').multiInsert(others.slice(i, i + 300))

    const home = await client.get('/').loginAs(ana).withInertia()
    home.assertStatus(200)
    const changes = widget(home, 'crm.recent_changes').data
    assert.deepEqual(
      changes.items.map((i: any) => i.title),
      ['Ferretería Ana'],
      'the second pass finds the change behind the newer entries, and not the one before the window'
    )
  })

  test('a new user gets empty states that say what to do', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const reader = await createUser(org, {
      permissions: ['crm.companies.view', 'crm.contacts.view'],
      scopes: { 'crm.companies': 'all', 'crm.contacts': 'all' },
    })
    await insertCompany(org, { owner_id: null, name: 'Sin dueño' })
    const home = await client.get('/').loginAs(reader).withInertia()
    home.assertStatus(200)
    for (const key of [
      'kernel.notifications',
      'crm.recent_changes',
      'crm.recent_notes',
      'crm.team_target',
      'crm.quick_create',
    ]) {
      const data = widget(home, key).data
      assert.isNotNull(data, key)
      assert.lengthOf(data.items ?? data.links ?? [], 0, key)
      assert.isAbove(data.empty.message.length, 20, key)
    }
    assert.include(widget(home, 'crm.team_target').data.empty.message, 'equipo')
    assert.include(widget(home, 'crm.quick_create').data.empty.message, 'administrador')
  })

  test('the team target card shows the target and says sales data is still to come', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const team = await createTeam(org, null, [rep], 'Equipo Norte')
    await db.from('teams').where('id', team.id).update({ monthly_target_minor: 1500000 })
    const home = await client.get('/').loginAs(rep).withInertia()
    const message = widget(home, 'crm.team_target').data.empty.message
    assert.include(message, 'Equipo Norte')
    assert.match(message, /15\.000,00\s€/)
    assert.include(message, 'Ventas')
  })

  test('a user without CRM permissions gets no CRM cards', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const nobody = await createUser(org, {})
    const home = await client.get('/').loginAs(nobody).withInertia()
    home.assertStatus(200)
    assert.deepEqual(
      home.inertiaProps.widgets.map((w: any) => w.key),
      ['kernel.notifications']
    )
  })
})
