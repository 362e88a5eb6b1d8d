import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompany, insertContact } from '../helpers.js'

const send = (request: any, user: any) => request.loginAs(user).withCsrfToken().withInertia()
const labels = (response: any) => response.body().map((o: any) => o.label)

test.group('Contacts lookup (the record picker of "reports to")', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only contacts in the user’s scope, never binned ones, searched by name or e-mail', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const other = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const colleague = await crmUser(org, 'own')
    const mine = await insertCompany(org, { name: 'Talleres Gómez', owner_id: user.id })
    const ana = await insertContact(org, {
      first_name: 'Ana',
      last_name: 'García',
      company_id: mine,
      owner_id: user.id,
    })
    await insertContact(org, { first_name: 'Luis', last_name: 'Pérez', owner_id: user.id })
    await insertContact(org, { first_name: 'Ana', last_name: 'Ajena', owner_id: colleague.id })
    const binned = await insertContact(org, { first_name: 'Anabel', owner_id: user.id })
    await insertContact(other, { first_name: 'Ana', last_name: 'Otra' })
    await db.table('crm_emails').insert({
      organization_id: org.id,
      contact_id: ana,
      value: 'ana.garcia@talleres.test',
      value_normalized: 'ana.garcia@talleres.test',
      is_primary: true,
    })
    ;(await send(client.delete(`/crm/contacts/${binned}`), user).redirects(0)).assertStatus(303)

    const all = await client.get('/crm/contacts/lookup').loginAs(user)
    all.assertStatus(200)
    assert.deepEqual(labels(all), ['Ana García', 'Luis Pérez'])
    const byName = await client.get('/crm/contacts/lookup?q=an').loginAs(user)
    assert.deepEqual(labels(byName), ['Ana García'], 'not the colleague’s, not the binned one')
    const bySurname = await client.get('/crm/contacts/lookup?q=garc').loginAs(user)
    assert.deepEqual(labels(bySurname), ['Ana García'])
    const byEmail = await client.get('/crm/contacts/lookup?q=ana.garcia@tall').loginAs(user)
    assert.deepEqual(labels(byEmail), ['Ana García'])
    const atCompany = await client.get(`/crm/contacts/lookup?company=${mine}`).loginAs(user)
    assert.deepEqual(labels(atCompany), ['Ana García'])
    const except = await client
      .get(`/crm/contacts/lookup?company=${mine}&except=${ana}`)
      .loginAs(user)
    assert.deepEqual(labels(except), [])

    // The colleague's company is hidden: none of its people, whoever owns them.
    const hidden = await insertCompany(org, { name: 'Ajena', owner_id: colleague.id })
    await insertContact(org, { first_name: 'Mía', company_id: hidden, owner_id: user.id })
    const atHidden = await client.get(`/crm/contacts/lookup?company=${hidden}`).loginAs(user)
    assert.deepEqual(atHidden.body(), [])

    const noRight = await crmUser(org, 'all', {}, [])
    ;(await client.get('/crm/contacts/lookup').loginAs(noRight)).assertStatus(403)
  })

  test('a page at a time, the next one by its cursor', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    for (const name of ['Ana', 'Bea', 'Carla', 'Dora', 'Eva'])
      await insertContact(org, { first_name: name, last_name: 'Prueba' })
    const first = await client.get('/crm/contacts/lookup?limit=2').loginAs(user)
    assert.deepEqual(labels(first), ['Ana Prueba', 'Bea Prueba'])
    const cursor = first.header('x-next-cursor')
    assert.isString(cursor)
    const second = await client.get(`/crm/contacts/lookup?limit=2&after=${cursor}`).loginAs(user)
    assert.deepEqual(labels(second), ['Carla Prueba', 'Dora Prueba'])
    const third = await client
      .get(`/crm/contacts/lookup?limit=2&after=${second.header('x-next-cursor')}`)
      .loginAs(user)
    assert.deepEqual(labels(third), ['Eva Prueba'])
    assert.isUndefined(third.header('x-next-cursor'))
  })
})
