import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { companyPayload, crmUser, insertCompany, insertContact } from '../helpers.js'

/*
 * The owner can be set back to none ("Sin asignar") by a user whose scope covers unowned
 * records (`all`), from the form and inline, and an undo puts none back.
 */

function patchField(client: any, user: any, url: string, body: Record<string, unknown>) {
  return client
    .patch(url)
    .json(body)
    .header('accept', 'application/json')
    .loginAs(user)
    .withCsrfToken()
}

const ownerOf = async (table: string, id: number) => {
  const row = await db.from(table).where('id', id).firstOrFail()
  return row.owner_id === null ? null : Number(row.owner_id)
}

const history = async (type: string, id: number) => ({
  audit: (
    await db
      .from('audit_logs')
      .where({ subject_type: type, subject_id: id, action: 'update', field: 'owner' })
      .orderBy('id')
  ).map((a) => [a.old_value, a.new_value]),
  timeline: (
    await db
      .from('timeline_events')
      .where({ subject_type: type, subject_id: id, kind: 'updated' })
      .orderBy('id')
  ).map((e) => JSON.parse(e.data).changes),
})

test.group('Owner: set back to none', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('inline: the owner is cleared, with audit and timeline "→ none"; undo restores it', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all', { fullName: 'Ana Ruiz' })
    const company = await insertCompany(org, { owner_id: user.id })
    const url = `/crm/companies/${company}/field`
    const saved = await patchField(client, user, url, { field: 'ownerId', value: '' })
    saved.assertStatus(200)
    assert.isNull(saved.body().value)
    assert.isNull(await ownerOf('crm_companies', company))
    assert.deepEqual(await history('crm.company', company), {
      audit: [['Ana Ruiz', null]],
      timeline: [[{ field: 'owner', from: 'Ana Ruiz', to: null }]],
    })

    const undo = await patchField(client, user, url, {
      field: 'ownerId',
      undo: true,
      expected: saved.body().value,
      token: saved.body().undo,
    })
    undo.assertStatus(200)
    assert.equal(await ownerOf('crm_companies', company), user.id)
  })

  test('inline: undo of an owner given to a record without one puts none back', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const colleague = await crmUser(org, 'all')
    const contact = await insertContact(org, { owner_id: null })
    const url = `/crm/contacts/${contact}/field`
    const saved = await patchField(client, user, url, {
      field: 'ownerId',
      value: String(colleague.id),
    })
    saved.assertStatus(200)
    assert.equal(await ownerOf('crm_contacts', contact), colleague.id)
    const undo = await patchField(client, user, url, {
      field: 'ownerId',
      value: null,
      undo: true,
      expected: saved.body().value,
      token: saved.body().undo,
    })
    undo.assertStatus(200)
    assert.isNull(await ownerOf('crm_contacts', contact))
    const { timeline } = await history('crm.contact', contact)
    assert.deepEqual(timeline.at(-1), [{ field: 'owner', from: colleague.fullName, to: null }])
  })

  test('inline: a user limited to team or own records may not leave one without owner', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: user.id })
    const refused = await patchField(client, user, `/crm/companies/${company}/field`, {
      field: 'ownerId',
      value: null,
    })
    refused.assertStatus(422)
    assert.containsSubset(refused.body().errors[0], {
      field: 'ownerId',
      message: 'No puede dejar registros sin asignar: solo quien ve todos puede hacerlo.',
    })
    assert.equal(await ownerOf('crm_companies', company), user.id)
  })

  test('form: an emptied owner select saves the company and the contact without owner', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, { owner_id: user.id, name: 'Sin Dueño S.L.' })
    const response = await client
      .put(`/crm/companies/${company}`)
      .json(companyPayload({ name: 'Sin Dueño S.L.', ownerId: '' }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(303)
    assert.isNull(await ownerOf('crm_companies', company))

    const contact = await insertContact(org, { owner_id: user.id, first_name: 'Lucía' })
    await client
      .put(`/crm/contacts/${contact}`)
      .json({ firstName: 'Lucía', ownerId: '' })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    assert.isNull(await ownerOf('crm_contacts', contact))

    // The edit form of an unowned record saved again as it is stays without owner.
    await client
      .put(`/crm/contacts/${contact}`)
      .json({ firstName: 'Lucía', lastName: 'Pardo', ownerId: '' })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
    assert.isNull(await ownerOf('crm_contacts', contact))
  })

  test('form: the same refusal for a user limited to own records; a new record too', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: user.id, name: 'Mía S.L.' })
    const response = await client
      .put(`/crm/companies/${company}`)
      .json(companyPayload({ name: 'Mía S.L.', ownerId: null }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      ownerId: ['No puede dejar registros sin asignar: solo quien ve todos puede hacerlo.'],
    })
    assert.equal(await ownerOf('crm_companies', company), user.id)

    await client
      .post('/crm/contacts')
      .json({ firstName: 'Nadie', ownerId: null })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    assert.isNull(
      await db.from('crm_contacts').where({ organization_id: org.id, first_name: 'Nadie' }).first()
    )
  })
})
