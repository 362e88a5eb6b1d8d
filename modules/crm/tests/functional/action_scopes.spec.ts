import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { RoleFactory } from '#database/factories/role_factory'
import { createOrganization, createUser, type RoleSpec } from '#tests/helpers/world'
import { companyPayload, crmUser, insertCompany, insertContact } from '../helpers.js'

/** Gives `user` one more role (createUser gives the first). */
async function grantRole(user: User, spec: RoleSpec) {
  const role = await RoleFactory.merge({
    organizationId: user.organizationId,
    isAdmin: false,
  }).create()
  const permissions = (spec.permissions ?? []).map((permission) => ({
    role_id: role.id,
    permission,
  }))
  await db.table('role_permissions').multiInsert(permissions)
  const scopes = Object.entries(spec.scopes ?? {}).map(([resource, scope]) => ({
    role_id: role.id,
    resource,
    scope,
  }))
  if (scopes.length) await db.table('role_scopes').multiInsert(scopes)
  await db.table('user_roles').insert({ user_id: user.id, role_id: role.id })
}

/**
 * Role X: view, edit, delete and export companies and contacts, own records only.
 * Role Y: view only, every record. Y must not widen what X lets the user change or export.
 */
async function world() {
  const org = await createOrganization(['crm'])
  const user = await crmUser(org, 'own', { fullName: 'Rosa Dos Roles' }, [
    'view',
    'edit',
    'delete',
    'export',
  ])
  await grantRole(user, {
    permissions: ['crm.companies.view', 'crm.contacts.view'],
    scopes: { 'crm.companies': 'all', 'crm.contacts': 'all' },
  })
  const colleague = await crmUser(org, 'own', { fullName: 'Otro Comercial' })
  const mine = await insertCompany(org, { name: 'Empresa de Rosa', owner_id: user.id })
  const theirs = await insertCompany(org, { name: 'Empresa del compañero', owner_id: colleague.id })
  const theirContact = await insertContact(org, { first_name: 'Juan', owner_id: colleague.id })
  return { org, user, colleague, mine, theirs, theirContact }
}

const send = (request: any, user: User) =>
  request.loginAs(user).withCsrfToken().withInertia().redirects(0)

test.group('Record scopes per action', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a view-only role with scope "all" shows others\' records but not to change', async ({
    client,
    assert,
  }) => {
    const { user, mine, theirs, theirContact } = await world()

    const seen = await client.get(`/crm/companies/${theirs}`).loginAs(user).withInertia()
    seen.assertStatus(200)
    assert.deepEqual(
      seen.inertiaProps.allowed,
      { edit: false, delete: false },
      'the page offers no edit or delete'
    )
    const own = await client.get(`/crm/companies/${mine}`).loginAs(user).withInertia()
    assert.deepEqual(own.inertiaProps.allowed, { edit: true, delete: true })
    const list = await client.get('/crm/companies').loginAs(user).withInertia()
    const names = (list.inertiaProps.companies as any[]).map((c) => c.name)
    assert.sameMembers(names, ['Empresa de Rosa', 'Empresa del compañero'])

    const editForm = await client.get(`/crm/companies/${theirs}/edit`).loginAs(user).withInertia()
    editForm.assertStatus(404)
    const update = await send(
      client.put(`/crm/companies/${theirs}`).json(companyPayload({ name: 'Cambiada' })),
      user
    )
    update.assertStatus(404)
    const note = await send(
      client.post(`/crm/companies/${theirs}/notes`).json({ body: 'Nota' }),
      user
    )
    note.assertStatus(404)
    const removed = await send(client.delete(`/crm/companies/${theirs}`), user)
    removed.assertStatus(404)
    const row = await db.from('crm_companies').where('id', theirs).firstOrFail()
    assert.equal(row.name, 'Empresa del compañero')

    const contactSeen = await client
      .get(`/crm/contacts/${theirContact}`)
      .loginAs(user)
      .withInertia()
    contactSeen.assertStatus(200)
    assert.deepEqual(contactSeen.inertiaProps.allowed, { edit: false, delete: false })
    const contactUpdate = await send(
      client.put(`/crm/contacts/${theirContact}`).json({ firstName: 'Otro' }),
      user
    )
    contactUpdate.assertStatus(404)
    const contactRemoved = await send(client.delete(`/crm/contacts/${theirContact}`), user)
    contactRemoved.assertStatus(404)
    assert.isNotNull(await db.from('crm_contacts').where('id', theirContact).first())

    // Their own company stays editable and deletable.
    const ownEdit = await client.get(`/crm/companies/${mine}/edit`).loginAs(user).withInertia()
    ownEdit.assertStatus(200)
    const ownRemoved = await send(client.delete(`/crm/companies/${mine}`), user)
    ownRemoved.assertStatus(303)
    assert.isNull(await db.from('crm_companies').where('id', mine).whereNull('deleted_at').first())
  })

  test('a note on a record seen through the view-only role cannot be edited or deleted', async ({
    client,
    assert,
  }) => {
    const { user, colleague, mine } = await world()
    await send(client.post(`/crm/companies/${mine}/notes`).json({ body: 'Mi nota' }), user)
    const note = await db
      .from('timeline_events')
      .where({ kind: 'note', actor_id: user.id })
      .firstOrFail()
    // The company goes to a colleague: Rosa still sees it (role Y) but may no longer edit it.
    await db.from('crm_companies').where('id', mine).update({ owner_id: colleague.id })
    const path = `/crm/companies/${mine}/notes/${note.id}`
    ;(await send(client.put(path).json({ body: 'Cambiada' }), user)).assertStatus(404)
    ;(await send(client.delete(path), user)).assertStatus(404)
    assert.equal(
      JSON.parse((await db.from('timeline_events').where('id', note.id).first()).data).body,
      'Mi nota'
    )
  })

  test('deleting a contact is refused while someone beyond the user’s reach reports to it', async ({
    client,
    assert,
  }) => {
    const { org, user, colleague } = await world()
    const boss = await insertContact(org, { first_name: 'Jefa', owner_id: user.id })
    const report = await insertContact(org, {
      first_name: 'Ajeno',
      owner_id: colleague.id,
      reports_to_id: boss,
    })
    const refused = await send(client.delete(`/crm/contacts/${boss}`), user).header(
      'referer',
      `/crm/contacts/${boss}`
    )
    refused.assertStatus(303)
    assert.equal(
      refused.flashMessages().error,
      'No puede eliminar este contacto: un contacto que usted no puede ver o modificar le reporta. ' +
        'Pida a un administrador que lo reasigne.'
    )
    assert.isNotNull(await db.from('crm_contacts').where('id', boss).first())
    assert.equal(
      Number((await db.from('crm_contacts').where('id', report).first()).reports_to_id),
      boss
    )

    await db.from('crm_contacts').where('id', report).update({ owner_id: user.id })
    ;(await send(client.delete(`/crm/contacts/${boss}`), user)).assertStatus(303)
    assert.isNull(await db.from('crm_contacts').where('id', boss).whereNull('deleted_at').first())
    assert.isNull((await db.from('crm_contacts').where('id', report).first()).reports_to_id)
  })

  test("export and owner choices take their own action's scope", async ({ client, assert }) => {
    const { user, colleague, mine } = await world()
    const csv = await client.get('/crm/companies/export').loginAs(user)
    csv.assertStatus(200)
    assert.include(csv.text(), 'Empresa de Rosa')
    assert.notInclude(csv.text(), 'Empresa del compañero')

    const form = await client.get(`/crm/companies/${mine}/edit`).loginAs(user).withInertia()
    assert.deepEqual(
      (form.inertiaProps.owners as any[]).map((o) => o.label),
      ['Rosa Dos Roles']
    )
    const given = await send(
      client.put(`/crm/companies/${mine}`).json(companyPayload({ ownerId: colleague.id })),
      user
    ).header('referer', `/crm/companies/${mine}/edit`)
    given.assertStatus(303)
    given.assertHeader('location', `/crm/companies/${mine}/edit`)
    assert.equal(
      Number((await db.from('crm_companies').where('id', mine).firstOrFail()).owner_id),
      user.id
    )
  })
})

test.group("Deleting a company with contacts beyond the user's reach", (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('is refused with the count of those contacts, and nothing changes', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    // All companies, but only their own contacts.
    const user = await createUser(org, {
      permissions: [
        'crm.companies.view',
        'crm.companies.delete',
        'crm.contacts.view',
        'crm.contacts.edit',
      ],
      scopes: { 'crm.companies': 'all', 'crm.contacts': 'own' },
    })
    const colleague = await crmUser(org, 'own')
    const company = await insertCompany(org, {
      name: 'Con contactos ajenos',
      owner_id: colleague.id,
    })
    const boss = await insertContact(org, { company_id: company, owner_id: colleague.id })
    const hidden = [boss]
    for (let i = 0; i < 2; i++) {
      hidden.push(
        await insertContact(org, {
          company_id: company,
          owner_id: colleague.id,
          reports_to_id: boss,
        })
      )
    }
    const own = await insertContact(org, {
      company_id: company,
      owner_id: user.id,
      reports_to_id: boss,
    })

    const response = await send(client.delete(`/crm/companies/${company}`), user).header(
      'referer',
      `/crm/companies/${company}`
    )
    response.assertStatus(303)
    response.assertHeader('location', `/crm/companies/${company}`)
    assert.equal(
      response.flashMessages().error,
      'No puede eliminar esta empresa: tiene 3 contactos que usted no puede ' +
        'ver o modificar. Pida a un administrador que los reasigne.'
    )

    assert.isNotNull(await db.from('crm_companies').where('id', company).first())
    const contacts = await db
      .from('crm_contacts')
      .whereIn('id', [...hidden, own])
      .orderBy('id')
    assert.deepEqual(
      contacts.map((c) => Number(c.company_id)),
      [company, company, company, company]
    )
    const managers = contacts.map((c) =>
      c.reports_to_id === null ? null : Number(c.reports_to_id)
    )
    assert.deepEqual(managers, [null, boss, boss, boss])
    const history = await db
      .from('timeline_events')
      .where('subject_type', 'crm.contact')
      .whereIn('subject_id', hidden)
    assert.lengthOf(history, 0)
  })

  test('goes through when every linked contact is within reach', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await createUser(org, {
      permissions: [
        'crm.companies.view',
        'crm.companies.delete',
        'crm.contacts.view',
        'crm.contacts.edit',
      ],
      scopes: { 'crm.companies': 'all', 'crm.contacts': 'own' },
    })
    const colleague = await crmUser(org, 'own')
    const company = await insertCompany(org, {
      name: 'Solo contactos propios',
      owner_id: colleague.id,
    })
    const contact = await insertContact(org, { company_id: company, owner_id: user.id })
    // A contact of another company, beyond reach, does not count.
    const elsewhere = await insertCompany(org, { owner_id: colleague.id })
    await insertContact(org, { company_id: elsewhere, owner_id: colleague.id })

    const response = await send(client.delete(`/crm/companies/${company}`), user)
    response.assertStatus(303)
    response.assertHeader('location', '/crm/companies')
    assert.isNull(
      await db.from('crm_companies').where('id', company).whereNull('deleted_at').first()
    )
    assert.isNull((await db.from('crm_contacts').where('id', contact).firstOrFail()).company_id)
  })

  test('a user who may not edit contacts cannot delete a company that has some', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await createUser(org, {
      permissions: ['crm.companies.view', 'crm.companies.delete', 'crm.contacts.view'],
      scopes: { 'crm.companies': 'all', 'crm.contacts': 'all' },
    })
    const company = await insertCompany(org, { owner_id: user.id })
    await insertContact(org, { company_id: company, owner_id: user.id })
    const response = await send(client.delete(`/crm/companies/${company}`), user).header(
      'referer',
      '/crm/companies'
    )
    response.assertStatus(303)
    assert.match(
      response.flashMessages().error as string,
      /tiene un contacto que usted no puede ver o modificar/
    )
    assert.isNotNull(await db.from('crm_companies').where('id', company).first())
  })
})
