import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { companyPayload, crmUser, insertCompany, insertContact } from '../helpers.js'

test.group('Validation messages in Spanish and English', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const bad = companyPayload({
    name: '',
    type: 'socio',
    nif: 'B12345675',
    phones: [{ label: 'Oficina', number: '12' }],
    emails: [{ address: 'no-es-un-correo' }],
    addresses: [{ kind: 'fiscal', city: 'Madrid', province: 'Narnia', country: 'ES' }],
  })

  test('the form page after a refused save carries field errors only, no untranslated summary', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const refused = await client
      .post('/crm/companies')
      .json(bad)
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .header('referer', '/crm/companies/create')
      .redirects(0)
    // The next request (the form the browser goes back to) carries the refusal's flash.
    const form = await client
      .get('/crm/companies/create')
      .loginAs(user)
      .withFlashMessages(refused.flashMessages())
      .withInertia()
    const errors = form.inertiaProps.errors as Record<string, string>
    assert.equal(errors.name, 'El campo nombre es obligatorio')
    assert.notProperty(errors, 'E_VALIDATION_ERROR')
    assert.isTrue(Object.keys(errors).every((key) => !key.startsWith('E_')))
  })

  test('a Spanish user gets Spanish messages with CRM field names', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const response = await client
      .post('/crm/companies')
      .json(bad)
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .header('referer', '/crm/companies/create')
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/crm/companies/create')
    response.assertFlashMessage('inputErrorsBag', {
      'name': ['El campo nombre es obligatorio'],
      'type': ['El valor de tipo no está en la lista'],
      'nif': ['El NIF/CIF no es válido: revise la letra o el dígito de control'],
      'phones.0.number': [
        'El teléfono no es válido: escriba 9 cifras (612 34 56 78) o el prefijo del país (+33 1 23 45 67 89)',
      ],
      'emails.0.address': ['El campo correo electrónico debe ser un correo electrónico válido'],
      'addresses.0.province': ['Elija una de las 52 provincias españolas'],
    })
    assert.lengthOf(await db.from('crm_companies').where('organization_id', org.id), 0)
  })

  test('a refused form with long texts flashes only the errors back, never the input', async ({
    client,
    assert,
  }) => {
    // In the cookie session store the flash rides in the cookie: a 4,900-character description
    // flashed back would push it past the browser's 4 KB limit and the errors would be lost.
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const payload = companyPayload({
      name: 'Talleres Largos',
      nif: 'B12345675',
      description: 'Texto largo. '.repeat(377),
    })
    const response = await client
      .post('/crm/companies')
      .json(payload)
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)
    const flashed = response.flashMessages()
    assert.notProperty(flashed, 'input')
    assert.deepEqual(flashed.inputErrorsBag, {
      nif: ['El NIF/CIF no es válido: revise la letra o el dígito de control'],
    })
    assert.isBelow(JSON.stringify(flashed).length, 1000)
  })

  test('an English user gets English messages', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own', { locale: 'en' })
    const response = await client
      .post('/crm/companies')
      .json(bad)
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      'name': ['The name field is required'],
      'type': ['The value of type is not in the list'],
      'nif': ['The tax ID is not valid: check its letter or check digit'],
      'phones.0.number': [
        'The phone is not valid: type 9 digits (612 34 56 78) or the country code (+33 1 23 45 67 89)',
      ],
      'emails.0.address': ['The email address field must be a valid email address'],
      'addresses.0.province': ['Choose one of the 52 Spanish provinces'],
    })
    const rule = await client
      .post('/crm/contacts')
      .json({ firstName: 'Ana', companyId: null, reportsToId: 999999 })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    rule.assertFlashMessage('inputErrorsBag', {
      reportsToId: ['To set a manager, the contact must belong to a company.'],
    })
  })

  test('contacts: first name required, note length 1–5000', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const missing = await client
      .post('/crm/contacts')
      .json({ lastName: 'Solo apellidos' })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    missing.assertFlashMessage('inputErrorsBag', { firstName: ['El campo nombre es obligatorio'] })
    const id = await insertCompany(org, { owner_id: user.id })
    const empty = await client
      .post(`/crm/companies/${id}/notes`)
      .json({ body: '   ' })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    empty.assertFlashMessage('inputErrorsBag', { body: ['La nota no puede estar vacía'] })
    const long = await client
      .post(`/crm/companies/${id}/notes`)
      .json({ body: 'x'.repeat(5001) })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    long.assertFlashMessage('inputErrorsBag', {
      body: ['El campo nota no puede tener más de 5000 caracteres'],
    })
  })
})

test.group('Notes and history pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a note lands on the timeline, newest first, and "ver más" pages with the before cursor', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own', { fullName: 'Lucía Fernández' })
    const id = await insertContact(org, { owner_id: user.id })
    for (let i = 1; i <= 22; i++) {
      const response = await client
        .post(`/crm/contacts/${id}/notes`)
        .json({ body: `Nota ${i}` })
        .loginAs(user)
        .withCsrfToken()
        .withInertia()
        .redirects(0)
      response.assertStatus(302)
    }
    const page = await client.get(`/crm/contacts/${id}`).loginAs(user).withInertia()
    const first = page.inertiaProps.timeline
    assert.lengthOf(first.entries, 20)
    assert.deepEqual(
      [first.entries[0].data.body, first.entries[0].actorName, first.entries[0].kind],
      ['Nota 22', 'Lucía Fernández', 'note']
    )
    const more = await client
      .get(`/crm/contacts/${id}/timeline?before=${first.nextBefore}`)
      .loginAs(user)
    assert.deepEqual(
      more.body().entries.map((e: any) => e.data.body),
      ['Nota 2', 'Nota 1']
    )
    assert.isNull(more.body().nextBefore)
  })

  test('adding a note needs the edit permission', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const reader = await crmUser(org, 'all', {}, ['view'])
    const id = await insertCompany(org, { owner_id: reader.id })
    const response = await client
      .post(`/crm/companies/${id}/notes`)
      .json({ body: 'Hola' })
      .loginAs(reader)
      .withCsrfToken()
      .withInertia()
    response.assertStatus(403)
    assert.lengthOf(
      await db.from('timeline_events').where({ subject_type: 'crm.company', subject_id: id }),
      0
    )
  })
})

test.group('CSV export', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('cells a spreadsheet would run as formulas are neutralised; separators are quoted', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const id = await insertCompany(org, {
      name: '=HYPERLINK("http://malo.example","pulse")',
      legal_name: 'Pérez; Hijos',
      owner_id: user.id,
      industry: 'salud',
    })
    await db.table('crm_phones').insert({
      organization_id: org.id,
      company_id: id,
      value: '+34 600 000 000',
      value_normalized: '+34600000000',
      is_primary: true,
      position: 0,
    })
    await insertCompany(org, { name: '@SUMA(A1)', owner_id: user.id })
    const response = await client.get('/crm/companies/export').loginAs(user)
    assert.match(
      response.header('content-disposition') ?? '',
      /^attachment; filename="empresas-\d{4}-\d\d-\d\d\.csv"; filename\*=UTF-8''empresas-[\d-]+\.csv$/
    )
    const text = response.text()
    assert.isTrue(text.startsWith('\uFEFF'), 'UTF-8 BOM for Excel')
    const [, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    const suma = rows.find((r) => r.includes('SUMA'))!
    const link = rows.find((r) => r.includes('HYPERLINK'))!
    assert.equal(suma.split(';')[0], "'@SUMA(A1)")
    assert.isTrue(
      link.startsWith(`"'=HYPERLINK(""http://malo.example"",""pulse"")";"Pérez; Hijos"`),
      link
    )
    assert.include(link, ';Salud;')
    // A well-formed phone is not a formula: it goes out as typed, without the apostrophe.
    assert.include(link, ';+34 600 000 000;')
  })
})
