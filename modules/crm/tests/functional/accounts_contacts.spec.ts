import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { previewImport } from '#app/import/preview'
import { commitImport } from '#app/import/commit'
import { crmUser, insertCompany, insertContact } from '../helpers.js'
import { csvCells, importDir, importText } from '../accounts_helpers.js'
import { dayOf } from '../../support/days.js'

const contactPayload = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Lucía',
  lastName: 'Martín',
  position: 'Compras',
  department: 'Operaciones',
  phones: [],
  emails: [{ label: 'Trabajo', address: 'lucia@example.es' }],
  ...overrides,
})

const audit = (orgId: number, field: string) =>
  db
    .from('audit_logs')
    .where({ organization_id: orgId, subject_type: 'crm.contact', field })
    .orderBy('id', 'desc')
    .first()

test.group('Accounts · contacts: profile, consent, positions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('consent and opt-out are dated, sourced, written to history and filterable', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const created = await client
      .post('/crm/contacts')
      .json(
        contactPayload({
          gender: 'mujer',
          language: 'ca',
          birthday: '1985-04-12',
          consentStatus: 'granted',
          consentSource: 'formulario_web',
        })
      )
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(302)
    const row = await db.from('crm_contacts').where('organization_id', org.id).firstOrFail()
    assert.deepInclude(row, {
      gender: 'mujer',
      language: 'ca',
      consent_status: 'granted',
      consent_source: 'formulario_web',
    })
    assert.isNotNull(row.consent_at, 'a consent is dated the day it is recorded')
    assert.isNull(row.opted_out_at)

    const form = await client.get(`/crm/contacts/${row.id}/edit`).loginAs(user).withInertia()
    const values = form.inertiaProps.contact
    const optOut = await client
      .put(`/crm/contacts/${row.id}`)
      .json({
        ...values,
        companyId: null,
        reportsToId: null,
        ownerId: user.id,
        optedOut: true,
        optedOutAt: '2026-01-15',
        optOutSource: 'email',
        consentStatus: 'denied',
        consentAt: '',
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    optOut.assertStatus(302)
    const after = await db.from('crm_contacts').where('id', row.id).first()
    assert.isTrue(Boolean(after.opted_out))
    assert.equal(dayOf(after.opted_out_at), '2026-01-15')
    assert.equal(after.opt_out_source, 'email')
    assert.deepInclude(await audit(org.id, 'optedOut'), { old_value: 'false', new_value: 'true' })
    assert.deepInclude(await audit(org.id, 'consentStatus'), {
      old_value: 'granted',
      new_value: 'denied',
    })
    const timeline = await db
      .from('timeline_events')
      .where({ organization_id: org.id, subject_type: 'crm.contact', subject_id: row.id })
      .orderBy('id', 'desc')
      .first()
    assert.include(JSON.stringify(timeline), 'optedOut')

    await insertContact(org, { first_name: 'Otro' })
    const names = async (qs: string) =>
      (await client.get(`/crm/contacts?${qs}`).loginAs(user).withInertia()).inertiaProps.contacts
        .map((c: any) => c.name)
        .sort()
    assert.deepEqual(await names('opted_out=yes'), ['Lucía Martín'])
    assert.deepEqual(await names('opted_out=no'), ['Otro Prueba'])
    assert.deepEqual(await names('consent=denied'), ['Lucía Martín'])
    assert.deepEqual(await names('consent=unknown'), ['Otro Prueba'])
    assert.deepEqual(await names('language=ca'), ['Lucía Martín'])
  })

  test('a birthday in the future or a language outside the list is refused', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const refused = await client
      .post('/crm/contacts')
      .json(contactPayload({ birthday: '2999-01-01', language: 'xx' }))
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    refused.assertFlashMessage('inputErrorsBag', {
      birthday: ['Escriba una fecha válida (dd/mm/aaaa)'],
      language: ['El valor de idioma no es válido'],
    })
  })

  test('changing company closes the position and opens a new one; the old company lists them apart', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const first = await insertCompany(org, { name: 'Primera', owner_id: user.id })
    const second = await insertCompany(org, { name: 'Segunda', owner_id: user.id })
    await client
      .post('/crm/contacts')
      .json(contactPayload({ companyId: first }))
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    const contact = await db.from('crm_contacts').where('organization_id', org.id).firstOrFail()
    const positions = () =>
      db.from('crm_contact_positions').where('contact_id', contact.id).orderBy('id')
    assert.deepEqual(
      (await positions()).map((p) => [p.company_id, p.position, Boolean(p.current)]),
      [[first, 'Compras', true]]
    )
    // A new title at the same company updates the current position.
    await client
      .patch(`/crm/contacts/${contact.id}/field`)
      .header('accept', 'application/json')
      .json({ field: 'position', value: 'Jefa de compras' })
      .loginAs(user)
      .withCsrfToken()
    const form = (await client.get(`/crm/contacts/${contact.id}/edit`).loginAs(user).withInertia())
      .inertiaProps.contact
    const moved = await client
      .put(`/crm/contacts/${contact.id}`)
      .json({
        ...form,
        companyId: second,
        reportsToId: null,
        ownerId: user.id,
        position: 'Gerente',
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    moved.assertStatus(302)
    const rows = await positions()
    assert.deepEqual(
      rows.map((p) => [p.company_id, p.position, Boolean(p.current), p.ended_on !== null]),
      [
        [first, 'Jefa de compras', false, true],
        [second, 'Gerente', true, false],
      ]
    )

    const page = await client.get(`/crm/contacts/${contact.id}`).loginAs(user).withInertia()
    assert.deepEqual(
      page.inertiaProps.positions.map((p: any) => [p.companyName, p.current]),
      [
        ['Segunda', true],
        ['Primera', false],
      ]
    )
    const old = await client.get(`/crm/companies/${first}`).loginAs(user).withInertia()
    assert.deepEqual(
      old.inertiaProps.formerContacts.map((c: any) => [c.name, c.position]),
      [['Lucía Martín', 'Jefa de compras']]
    )
    assert.lengthOf(old.inertiaProps.contacts, 0, 'no longer among its current contacts')
  })

  test('a bulk change of company moves the positions too', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const first = await insertCompany(org, { name: 'Primera' })
    const second = await insertCompany(org, { name: 'Segunda' })
    const contact = await insertContact(org, { company_id: first, position: 'Ventas' })
    await db.table('crm_contact_positions').insert({
      organization_id: org.id,
      contact_id: contact,
      company_id: first,
      position: 'Ventas',
      current: true,
      started_on: '2024-01-01',
      created_at: '2024-01-01 00:00:00',
    })
    const moved = await client
      .post('/crm/contacts/bulk')
      .json({ action: 'field', ids: [contact], params: { field: 'company', value: second } })
      .accept('json')
      .loginAs(user)
      .withCsrfToken()
    assert.containsSubset(moved.body(), { changed: 1 })
    const rows = await db.from('crm_contact_positions').where('contact_id', contact).orderBy('id')
    assert.deepEqual(
      rows.map((p) => [p.company_id, Boolean(p.current)]),
      [
        [first, false],
        [second, true],
      ]
    )
  })

  test('an export with the profile and consent columns imports back the same', async ({
    client,
    assert,
  }) => {
    const { dir, remove } = await importDir()
    try {
      const org = await createOrganization(['crm'])
      const user = await crmUser(org, 'all')
      await insertContact(org, {
        first_name: 'Ane',
        last_name: 'Etxeberria',
        owner_id: user.id,
        gender: 'mujer',
        language: 'eu',
        birthday: '1990-02-03',
        consent_status: 'granted',
        consent_at: '2025-06-01 00:00:00',
        consent_source: 'contrato',
        opted_out: true,
        opted_out_at: '2026-03-04 00:00:00',
        opt_out_source: 'verbal',
      })
      const csv = (await client.get('/crm/contacts/export').loginAs(user)).text()
      const [header, row] = csvCells(csv)
      const cell = (name: string) => row[header.indexOf(name)]
      assert.equal(cell('Género'), 'Mujer')
      assert.equal(cell('Idioma'), 'eu')
      assert.equal(cell('Consentimiento de comunicaciones'), 'Otorgado')
      assert.equal(cell('Fecha del consentimiento'), '2025-06-01')
      assert.equal(cell('Origen de la baja'), 'Verbal')

      await db.from('crm_contacts').where('organization_id', org.id).delete()
      const started = await importText(dir, org, user, 'crm.contacts', 'c.csv', csv)
      assert.includeMembers(started.mapping as string[], [
        'gender',
        'language',
        'birthday',
        'consentStatus',
        'consentAt',
        'consentSource',
        'optedOut',
        'optedOutAt',
        'optOutSource',
      ])
      assert.equal((await previewImport(started.id)).totals.created, 1)
      await commitImport(started.id)
      const back = await db.from('crm_contacts').where('organization_id', org.id).firstOrFail()
      assert.deepInclude(back, {
        gender: 'mujer',
        language: 'eu',
        consent_status: 'granted',
        consent_source: 'contrato',
        opt_out_source: 'verbal',
      })
      assert.isTrue(Boolean(back.opted_out))
      assert.equal(dayOf(back.birthday), '1990-02-03')
      assert.equal(dayOf(back.consent_at), '2025-06-01')

      const again = await importText(dir, org, user, 'crm.contacts', 'd.csv', csv)
      assert.equal((await previewImport(again.id)).totals.updated, 0, 'nothing changed')
    } finally {
      await remove()
    }
  })
})
