import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import { purgeEntry } from '#app/bin/bin'
import { createOrganization } from '#tests/helpers/world'
import ContactCreated from '../../events/contact_created.js'
import ContactDeleted from '../../events/contact_deleted.js'
import { crmUser, insertCompany, insertContact } from '../helpers.js'

const contactPayload = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Lucía',
  lastName: 'Fernández Soto',
  position: 'Directora de compras',
  department: 'Compras',
  phones: [{ label: 'Móvil', number: '600 123 456' }],
  emails: [{ label: 'Trabajo', address: 'Lucia.Fernandez@Talleres.es' }],
  ...overrides,
})

test.group('Contacts: create, edit, delete, org chart', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creating a contact at a company stores it with phones, e-mails, history and an event', async ({
    client,
    assert,
  }) => {
    const events = emitter.fake()
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const companyId = await insertCompany(org, { name: 'Talleres Gómez', owner_id: user.id })
    const response = await client
      .post('/crm/contacts')
      .json(contactPayload({ companyId }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    const contact = await db.from('crm_contacts').where('organization_id', org.id).firstOrFail()
    response.assertHeader('location', `/crm/contacts/${contact.id}`)
    assert.equal(contact.company_id, companyId)
    assert.equal(contact.name_normalized, 'lucia fernandez soto')
    assert.equal(contact.owner_id, user.id)
    const email = await db.from('crm_emails').where('contact_id', contact.id).firstOrFail()
    assert.equal(email.value_normalized, 'lucia.fernandez@talleres.es')
    assert.isNull(email.company_id)
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.contact', subject_id: contact.id })
      .select('field', 'new_value')
    assert.deepInclude(audit, { field: 'company', new_value: 'Talleres Gómez' })
    events.assertEmitted(
      ContactCreated,
      ({ data }) =>
        data.contact.email === 'lucia.fernandez@talleres.es' && data.contact.companyId === companyId
    )
    emitter.restore()

    const show = await client.get(`/crm/contacts/${contact.id}`).loginAs(user).withInertia()
    show.assertInertiaComponent('crm/contacts/show')
    assert.equal(show.inertiaProps.contact.companyName, 'Talleres Gómez')
  })

  test('a typed phone is stored in E.164 (+34 when no country code); one that cannot be a phone is refused', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    await client
      .post('/crm/contacts')
      .json(
        contactPayload({
          phones: [{ label: 'Móvil', number: '612 34 56 78' }, { number: '+33 1 23 45 67 89' }],
        })
      )
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    const contact = await db.from('crm_contacts').where('organization_id', org.id).firstOrFail()
    const phones = await db.from('crm_phones').where('contact_id', contact.id).orderBy('position')
    assert.deepEqual(
      phones.map((p) => [p.value, p.value_normalized]),
      [
        ['+34612345678', '+34612345678'],
        ['+33123456789', '+33123456789'],
      ]
    )

    const refused = await client
      .post('/crm/contacts')
      .json(contactPayload({ firstName: 'Otra', phones: [{ number: '512 34 56 78' }] }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    refused.assertFlashMessage('inputErrorsBag', {
      'phones.0.number': [
        'El teléfono no es válido: escriba 9 cifras (612 34 56 78) o el prefijo del país (+33 1 23 45 67 89)',
      ],
    })
    assert.lengthOf(await db.from('crm_contacts').where('organization_id', org.id), 1)
  })

  test('a manager must be a contact of the same company', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const a = await insertCompany(org, { owner_id: user.id })
    const b = await insertCompany(org, { owner_id: user.id })
    const bossAtB = await insertContact(org, { company_id: b, owner_id: user.id })
    const refused = await client
      .post('/crm/contacts')
      .json(contactPayload({ companyId: a, reportsToId: bossAtB }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    refused.assertFlashMessage('inputErrorsBag', {
      reportsToId: ['El superior debe trabajar en la misma empresa.'],
    })
    const noCompany = await client
      .post('/crm/contacts')
      .json(contactPayload({ reportsToId: bossAtB }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    noCompany.assertFlashMessage('inputErrorsBag', {
      reportsToId: ['Para indicar un superior, el contacto debe pertenecer a una empresa.'],
    })
    assert.lengthOf(await db.from('crm_contacts').where('organization_id', org.id), 1)
  })

  test('the org chart refuses cycles (A → B → C → A) and self-management', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: user.id })
    const a = await insertContact(org, { company_id: company, owner_id: user.id, first_name: 'A' })
    const b = await insertContact(org, {
      company_id: company,
      owner_id: user.id,
      first_name: 'B',
      reports_to_id: a,
    })
    const c = await insertContact(org, {
      company_id: company,
      owner_id: user.id,
      first_name: 'C',
      reports_to_id: b,
    })

    const cycle = await client
      .put(`/crm/contacts/${a}`)
      .json(contactPayload({ firstName: 'A', companyId: company, reportsToId: c }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    cycle.assertFlashMessage('inputErrorsBag', {
      reportsToId: [
        'Ese superior crearía un ciclo en el organigrama (alguien acabaría reportándose a sí mismo).',
      ],
    })
    const self = await client
      .put(`/crm/contacts/${b}`)
      .json(contactPayload({ firstName: 'B', companyId: company, reportsToId: b }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    self.assertFlashMessage('inputErrorsBag', {
      reportsToId: [
        'Ese superior crearía un ciclo en el organigrama (alguien acabaría reportándose a sí mismo).',
      ],
    })
    assert.isNull((await db.from('crm_contacts').where('id', a).firstOrFail()).reports_to_id)

    // A legal move inside the tree works: C now reports to A directly.
    await client
      .put(`/crm/contacts/${c}`)
      .json(contactPayload({ firstName: 'C', companyId: company, reportsToId: a }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
    assert.equal((await db.from('crm_contacts').where('id', c).firstOrFail()).reports_to_id, a)

    const page = await client.get(`/crm/companies/${company}`).loginAs(user).withInertia()
    assert.deepEqual(
      page.inertiaProps.contacts.map((p: any) => [p.name, p.reportsToId]),
      [
        ['A Prueba', null],
        ['B Prueba', a],
        ['C Fernández Soto', a],
      ]
    )
    const contactPage = await client.get(`/crm/contacts/${a}`).loginAs(user).withInertia()
    assert.isNull(contactPage.inertiaProps.manager)
    assert.deepEqual(
      contactPage.inertiaProps.reports.map((p: any) => p.id),
      [b, c]
    )
  })

  test('moving a contact to another company leaves their reports without a manager', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const first = await insertCompany(org, { owner_id: user.id })
    const second = await insertCompany(org, { owner_id: user.id })
    const boss = await insertContact(org, {
      company_id: first,
      owner_id: user.id,
      first_name: 'Jefa',
    })
    const report = await insertContact(org, {
      company_id: first,
      owner_id: user.id,
      reports_to_id: boss,
    })
    await client
      .put(`/crm/contacts/${boss}`)
      .json(contactPayload({ firstName: 'Jefa', companyId: second }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
    assert.isNull((await db.from('crm_contacts').where('id', report).firstOrFail()).reports_to_id)
    const entry = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.contact', subject_id: report, kind: 'updated' })
      .firstOrFail()
    // The timeline keeps the manager by id (named when read); the audit by name.
    assert.deepEqual(JSON.parse(entry.data).changes, [
      { field: 'reportsToId', from: boss, to: null },
    ])
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.contact', subject_id: report, action: 'update' })
      .select('field', 'old_value', 'new_value')
    assert.deepEqual(audit, [{ field: 'reportsTo', old_value: 'Jefa Prueba', new_value: null }])
    const page = await client.get(`/crm/contacts/${report}`).loginAs(user).withInertia()
    // Named as she is now (the form renamed her), for a reader who may see her.
    assert.deepEqual(page.inertiaProps.timeline.entries[0].data.changes, [
      { field: 'reportsToId', from: 'Jefa Fernández Soto', to: null },
    ])
  })

  test('a contact cannot be linked to a company the user may not see', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const colleague = await crmUser(org, 'own')
    const hidden = await insertCompany(org, { owner_id: colleague.id })
    const response = await client
      .post('/crm/contacts')
      .json(contactPayload({ companyId: hidden }))
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      companyId: ['La empresa elegida no existe o usted no puede verla.'],
    })
    assert.lengthOf(await db.from('crm_contacts').where('organization_id', org.id), 0)
  })

  test('deleting a contact bins it and frees their reports; purging removes their phones and e-mails', async ({
    client,
    assert,
  }) => {
    const events = emitter.fake()
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    await client
      .post('/crm/contacts')
      .json(contactPayload())
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
    const contact = await db.from('crm_contacts').where('organization_id', org.id).firstOrFail()
    const company = await insertCompany(org, { owner_id: user.id })
    await db.from('crm_contacts').where('id', contact.id).update({ company_id: company })
    const report = await insertContact(org, {
      company_id: company,
      owner_id: user.id,
      reports_to_id: contact.id,
    })

    const response = await client
      .delete(`/crm/contacts/${contact.id}`)
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertHeader('location', '/crm/contacts')
    // In the recycle bin: marked, its phones and e-mails kept until it is purged.
    const binned = await db.from('crm_contacts').where('id', contact.id).firstOrFail()
    assert.isNotNull(binned.deleted_at)
    assert.equal(binned.deleted_by, user.id)
    assert.isNull((await db.from('crm_contacts').where('id', report).firstOrFail()).reports_to_id)
    const entry = await db
      .from('bin_entries')
      .where({ resource: 'crm.contacts', record_id: contact.id })
    assert.deepEqual(JSON.parse(entry[0].detached), { reports: [report] })

    await purgeEntry({ organizationId: org.id, actorId: user.id, entryId: entry[0].id })
    assert.isNull(await db.from('crm_contacts').where('id', contact.id).first())
    assert.lengthOf(await db.from('crm_phones').where('contact_id', contact.id), 0)
    assert.lengthOf(await db.from('crm_emails').where('contact_id', contact.id), 0)
    events.assertEmitted(ContactDeleted, ({ data }) => data.contactId === contact.id)
    emitter.restore()
  })

  test('the company select and manager list only offer what the user may see', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const colleague = await crmUser(org, 'own')
    const mine = await insertCompany(org, { name: 'Talleres Gómez', owner_id: user.id })
    await insertCompany(org, { name: 'Talleres Ajenos', owner_id: colleague.id })
    await insertContact(org, { company_id: mine, owner_id: user.id, first_name: 'Visible' })
    await insertContact(org, { company_id: mine, owner_id: colleague.id, first_name: 'Oculto' })

    const lookup = await client.get('/crm/companies/lookup?q=talleres').loginAs(user)
    assert.deepEqual(lookup.body(), [{ value: String(mine), label: 'Talleres Gómez' }])
    const managers = await client.get(`/crm/contacts/lookup?company=${mine}`).loginAs(user)
    assert.deepEqual(
      managers.body().map((o: any) => o.label),
      ['Visible Prueba']
    )
  })
})
