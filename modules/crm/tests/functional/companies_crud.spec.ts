import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import { purgeEntry } from '#app/bin/bin'
import { createOrganization } from '#tests/helpers/world'
import CompanyCreated from '../../events/company_created.js'
import CompanyUpdated from '../../events/company_updated.js'
import CompanyDeleted from '../../events/company_deleted.js'
import { companyPayload, crmUser, insertContact } from '../helpers.js'

test.group('Companies: create, edit, delete', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creating a company stores it normalized, with its children, history and event', async ({
    client,
    assert,
  }) => {
    const events = emitter.fake()
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const payload = companyPayload()
    // The form starts with an empty address row; left empty, it is not stored.
    payload.addresses.push({
      kind: 'otra',
      street: '',
      postalCode: '',
      city: '',
      province: '',
      country: 'ES',
    })
    const response = await client
      .post('/crm/companies')
      .json(payload)
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)

    const company = await db.from('crm_companies').where('organization_id', org.id).firstOrFail()
    response.assertHeader('location', `/crm/companies/${company.id}`)
    response.assertFlashMessage('success', 'Empresa «Construcciones Hermanos Pérez S.L.» creada.')
    assert.equal(company.name_normalized, 'construcciones hermanos perez s.l.')
    assert.equal(company.nif, 'B12345674')
    assert.equal(company.website, 'https://construccionesperez.es')
    assert.equal(company.owner_id, user.id, 'the creator owns it by default')
    assert.equal(company.created_by, user.id)

    const phones = await db.from('crm_phones').where('company_id', company.id).orderBy('position')
    assert.deepEqual(
      phones.map((p) => [p.value, p.value_normalized, Boolean(p.is_primary)]),
      [
        ['+34912345678', '+34912345678', false],
        ['+34600112233', '+34600112233', true],
      ],
      'stored in E.164 however typed'
    )
    const emails = await db.from('crm_emails').where('company_id', company.id)
    assert.deepEqual(
      emails.map((e) => [e.value, e.value_normalized, Boolean(e.is_primary)]),
      [['info@construccionesperez.es', 'info@construccionesperez.es', true]]
    )
    const addresses = await db
      .from('crm_addresses')
      .where('company_id', company.id)
      .orderBy('position')
    assert.deepEqual(
      addresses.map((a) => [a.kind, a.city, a.city_normalized, a.province]),
      [
        ['fiscal', 'Madrid', 'madrid', 'Madrid'],
        ['envio', 'Getafe', 'getafe', 'Madrid'],
      ],
      'the empty third address is dropped'
    )

    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.company', subject_id: company.id, action: 'create' })
    assert.includeMembers(
      audit.map((a) => a.field),
      ['name', 'nif', 'type', 'owner', 'phones', 'addresses']
    )
    const timeline = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: company.id })
    assert.deepEqual(
      timeline.map((t) => [t.kind, JSON.parse(t.data).title]),
      [['created', 'Construcciones Hermanos Pérez S.L.']]
    )

    events.assertEmitted(
      CompanyCreated,
      ({ data }) =>
        data.company.id === company.id &&
        data.company.nif === 'B12345674' &&
        data.organizationId === org.id
    )
    emitter.restore()
  })

  test('mass assignment is ignored: organization, creator and id never come from the form', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const other = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    await client
      .post('/crm/companies')
      .json(
        companyPayload({
          organizationId: other.id,
          organization_id: other.id,
          createdBy: 999,
          id: 4242,
        })
      )
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    const company = await db
      .from('crm_companies')
      .where({ organization_id: org.id, name: 'Construcciones Hermanos Pérez S.L.' })
      .firstOrFail()
    assert.equal(company.organization_id, org.id)
    assert.equal(company.created_by, user.id)
    assert.notEqual(company.id, 4242)
  })

  test('editing writes one audit row per changed field, a timeline entry, and replaces the lists', async ({
    client,
    assert,
  }) => {
    const events = emitter.fake()
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    await client
      .post('/crm/companies')
      .json(companyPayload())
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
    const company = await db.from('crm_companies').where('organization_id', org.id).firstOrFail()

    const response = await client
      .put(`/crm/companies/${company.id}`)
      .json(
        companyPayload({
          type: 'proveedor',
          phones: [{ label: 'Centralita', number: '913 000 000' }],
        })
      )
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(303)
    response.assertHeader('location', `/crm/companies/${company.id}`)

    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.company', subject_id: company.id, action: 'update' })
      .orderBy('id')
    assert.deepEqual(
      audit.map((a) => a.field),
      ['type', 'phones']
    )
    assert.deepEqual([audit[0].old_value, audit[0].new_value], ['cliente', 'proveedor'])
    const phones = await db.from('crm_phones').where('company_id', company.id)
    assert.deepEqual(
      phones.map((p) => [p.value, Boolean(p.is_primary)]),
      [['+34913000000', true]]
    )
    const updated = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: company.id, kind: 'updated' })
      .firstOrFail()
    assert.deepEqual(
      JSON.parse(updated.data).changes.map((c: any) => c.field),
      ['type', 'phones']
    )
    events.assertEmitted(CompanyUpdated, ({ data }) => data.changedFields.join() === 'type,phones')

    // Saving again without changes writes nothing.
    await client
      .put(`/crm/companies/${company.id}`)
      .json(
        companyPayload({
          type: 'proveedor',
          phones: [{ label: 'Centralita', number: '913 000 000' }],
        })
      )
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
    assert.lengthOf(
      await db
        .from('audit_logs')
        .where({ subject_type: 'crm.company', subject_id: company.id, action: 'update' }),
      2
    )
    emitter.restore()
  })

  test('deleting a company bins it, its contacts kept, detached and told so; purging removes its children', async ({
    client,
    assert,
  }) => {
    const events = emitter.fake()
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    await client
      .post('/crm/companies')
      .json(companyPayload())
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
    const company = await db.from('crm_companies').where('organization_id', org.id).firstOrFail()
    const boss = await insertContact(org, {
      company_id: company.id,
      owner_id: user.id,
      first_name: 'Marta',
    })
    const clerk = await insertContact(org, {
      company_id: company.id,
      owner_id: user.id,
      reports_to_id: boss,
    })
    await db.table('crm_phones').insert({
      organization_id: org.id,
      contact_id: clerk,
      value: '600000000',
      value_normalized: '+34600000000',
      is_primary: true,
      position: 0,
    })

    const response = await client
      .delete(`/crm/companies/${company.id}`)
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(303)
    response.assertHeader('location', '/crm/companies')

    const binned = await db.from('crm_companies').where('id', company.id).firstOrFail()
    assert.isNotNull(binned.deleted_at, 'in the recycle bin')
    const contacts = await db.from('crm_contacts').whereIn('id', [boss, clerk]).orderBy('id')
    assert.deepEqual(
      contacts.map((c) => [c.company_id, c.reports_to_id]),
      [
        [null, null],
        [null, null],
      ]
    )
    assert.lengthOf(
      await db.from('crm_phones').where('contact_id', clerk),
      1,
      "the contact's own phone stays"
    )
    const clerkHistory = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.contact', subject_id: clerk, kind: 'updated' })
      .firstOrFail()
    assert.deepEqual(JSON.parse(clerkHistory.data).changes, [
      { field: 'companyId', from: company.id, to: null },
      { field: 'reportsToId', from: boss, to: null },
    ])
    const clerkAudit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.contact', subject_id: clerk, action: 'update' })
      .orderBy('id')
    assert.deepEqual(
      clerkAudit.map((a) => [a.field, a.old_value, a.new_value]),
      [
        ['company', 'Construcciones Hermanos Pérez S.L.', null],
        ['reportsTo', 'Marta Prueba', null],
      ],
      'the audit (administrators) keeps the names'
    )
    // Read back: the company no longer exists; the manager is named for whoever may see her.
    const page = await client.get(`/crm/contacts/${clerk}`).loginAs(user).withInertia()
    assert.deepEqual(page.inertiaProps.timeline.entries[0].data.changes, [
      { field: 'companyId', from: { unavailable: 'deleted' }, to: null },
      { field: 'reportsToId', from: 'Marta Prueba', to: null },
    ])
    // Purged: the company, its children and its timeline go; the audit trail stays.
    const entry = await db
      .from('bin_entries')
      .where({ resource: 'crm.companies', record_id: company.id })
      .firstOrFail()
    await purgeEntry({ organizationId: org.id, actorId: user.id, entryId: entry.id })
    assert.isNull(await db.from('crm_companies').where('id', company.id).first())
    for (const table of ['crm_addresses', 'crm_phones', 'crm_emails']) {
      assert.lengthOf(await db.from(table).where('company_id', company.id), 0, table)
    }
    assert.lengthOf(
      await db
        .from('timeline_events')
        .where({ subject_type: 'crm.company', subject_id: company.id }),
      0
    )
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.company', subject_id: company.id, action: 'delete' })
    assert.isAbove(audit.length, 0, 'the audit trail survives the delete')
    events.assertEmitted(
      CompanyDeleted,
      ({ data }) => data.companyId === company.id && data.detachedContactIds.length === 2
    )
    emitter.restore()
  })

  test('a NIF is unique per organization (not across organizations)', async ({
    client,
    assert,
  }) => {
    const events = emitter.fake()
    const org = await createOrganization(['crm'])
    const other = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const otherUser = await crmUser(other, 'own')
    await client
      .post('/crm/companies')
      .json(companyPayload())
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
    const duplicate = await client
      .post('/crm/companies')
      .json(companyPayload({ name: 'Otra', nif: 'B12345674' }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .header('referer', '/crm/companies/create')
      .redirects(0)
    duplicate.assertStatus(302)
    duplicate.assertFlashMessage('inputErrorsBag', {
      nif: ['Ya hay una empresa con este NIF/CIF en su organización.'],
    })
    assert.lengthOf(await db.from('crm_companies').where('organization_id', org.id), 1)
    assert.lengthOf(
      await db.from('crm_companies').where({ organization_id: org.id, name: 'Otra' }),
      0,
      'the refused company left nothing behind'
    )
    events.assertEmittedCount(CompanyCreated, 1)
    emitter.restore()

    await client
      .post('/crm/companies')
      .json(companyPayload())
      .loginAs(otherUser)
      .withCsrfToken()
      .withInertia()
    assert.lengthOf(
      await db.from('crm_companies').where('organization_id', other.id).where('nif', 'B12345674'),
      1
    )
  })

  test('owners: a rep cannot give records away; a manager can, but only to users of the organization', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const other = await createOrganization(['crm'])
    const manager = await crmUser(org, 'all')
    const rep = await crmUser(org, 'own')
    const stranger = await crmUser(other, 'all')

    const refused = await client
      .post('/crm/companies')
      .json(companyPayload({ ownerId: manager.id }))
      .loginAs(rep)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    refused.assertFlashMessage('inputErrorsBag', {
      ownerId: ['No puede asignar registros a esa persona.'],
    })
    const foreign = await client
      .post('/crm/companies')
      .json(companyPayload({ ownerId: stranger.id }))
      .loginAs(manager)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    foreign.assertFlashMessage('inputErrorsBag', {
      ownerId: ['No puede asignar registros a esa persona.'],
    })
    assert.lengthOf(await db.from('crm_companies').where('organization_id', org.id), 0)

    await client
      .post('/crm/companies')
      .json(companyPayload({ ownerId: rep.id }))
      .loginAs(manager)
      .withCsrfToken()
      .withInertia()
    const company = await db.from('crm_companies').where('organization_id', org.id).firstOrFail()
    assert.equal(company.owner_id, rep.id)
  })

  test('the pages render DTOs: list, detail, create and edit forms', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    await client
      .post('/crm/companies')
      .json(companyPayload())
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
    const company = await db.from('crm_companies').where('organization_id', org.id).firstOrFail()

    const index = await client.get('/crm/companies').loginAs(user).withInertia()
    index.assertInertiaComponent('crm/companies/index')
    index.assertInertiaPropsContains({ count: { value: 1, capped: false } })
    assert.deepInclude(index.inertiaProps.companies[0], {
      name: 'Construcciones Hermanos Pérez S.L.',
      city: 'Madrid',
      province: 'Madrid',
      phone: '+34600112233',
    })

    const show = await client.get(`/crm/companies/${company.id}`).loginAs(user).withInertia()
    show.assertInertiaComponent('crm/companies/show')
    assert.equal(show.inertiaProps.company.nif, 'B12345674')
    assert.lengthOf(show.inertiaProps.company.addresses, 2)
    assert.equal(show.inertiaProps.timeline.entries[0].kind, 'created')

    const edit = await client.get(`/crm/companies/${company.id}/edit`).loginAs(user).withInertia()
    edit.assertInertiaComponent('crm/companies/form')
    assert.equal(edit.inertiaProps.company.ownerId, String(user.id))
    assert.isFalse(edit.inertiaProps.canAssign)
    const create = await client.get('/crm/companies/create').loginAs(user).withInertia()
    create.assertInertiaPropsContains({ company: null })
  })
})
