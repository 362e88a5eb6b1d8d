import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompany, insertContact } from '../helpers.js'

/* The org chart's rearranging: a drop (or "Depende de") saves the contact's manager in place. */

test.group('Accounts · org chart rearranging', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const dependsOn = (client: any, user: User, contactId: number, managerId: number | null) =>
    client
      .patch(`/crm/contacts/${contactId}/field`)
      .header('accept', 'application/json')
      .json({ field: 'reportsToId', value: managerId })
      .loginAs(user)
      .withCsrfToken()

  test('moving a person under another saves the manager and writes history; a cycle is refused', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, { name: 'Acme' })
    const ana = await insertContact(org, { first_name: 'Ana', company_id: company })
    const bea = await insertContact(org, {
      first_name: 'Bea',
      company_id: company,
      reports_to_id: ana,
    })
    const carla = await insertContact(org, {
      first_name: 'Carla',
      company_id: company,
      reports_to_id: bea,
    })
    const managerOf = async (id: number) =>
      (await db.from('crm_contacts').where('id', id).first()).reports_to_id

    ;(await dependsOn(client, user, carla, ana)).assertStatus(200)
    assert.equal(await managerOf(carla), ana)
    const audit = await db
      .from('audit_logs')
      .where({
        organization_id: org.id,
        subject_type: 'crm.contact',
        subject_id: carla,
        field: 'reportsTo',
      })
      .first()
    assert.equal(audit.new_value, 'Ana Prueba')

    // Ana under Bea, who reports to Ana: a loop.
    const loop = await dependsOn(client, user, ana, bea)
    loop.assertStatus(422)
    assert.deepEqual(loop.body().errors[0], {
      field: 'reportsToId',
      rule: 'inline',
      message:
        'Ese superior crearía un ciclo en el organigrama (alguien acabaría reportándose a sí mismo).',
    })
    ;(await dependsOn(client, user, ana, ana)).assertStatus(422)
    assert.isNull(await managerOf(ana))

    // Someone of another company cannot be the manager; back to the top is fine.
    const other = await insertContact(org, {
      first_name: 'Otra',
      company_id: await insertCompany(org, { name: 'Beta' }),
    })
    ;(await dependsOn(client, user, bea, other)).assertStatus(422)
    ;(await dependsOn(client, user, bea, null)).assertStatus(200)
    assert.isNull(await managerOf(bea))

    const page = await client.get(`/crm/companies/${company}`).loginAs(user).withInertia()
    assert.deepEqual(
      page.inertiaProps.contacts.map((c: any) => [c.name, c.reportsToId]),
      [
        ['Ana Prueba', null],
        ['Bea Prueba', null],
        ['Carla Prueba', ana],
      ]
    )
  })

  test("a person out of the user's edit scope cannot be moved (404)", async ({ client }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const company = await insertCompany(org, { name: 'Acme', owner_id: user.id })
    const mine = await insertContact(org, {
      first_name: 'Mía',
      company_id: company,
      owner_id: user.id,
    })
    const theirs = await insertContact(org, { first_name: 'Ajena', company_id: company })
    ;(await dependsOn(client, user, theirs, mine)).assertStatus(404)
  })
})
