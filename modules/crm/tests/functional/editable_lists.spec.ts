import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import type { ApiClient } from '@japa/api-client'
import { createUser } from '#tests/helpers/world'
import { adminWorld, write } from '#tests/functional/admin/_helpers'
import { lists } from '#app/settings/lists'
import { companyPayload, crmUser, insertCompany } from '../helpers.js'

type Row = { code?: string; labelEs: string; labelEn: string; active: boolean }

/** The list as the Listas screen shows it. */
async function screen(client: ApiClient, admin: User, list: string) {
  const page = await client.get(`/admin/settings/lists?list=${list}`).loginAs(admin).withInertia()
  return page.inertiaProps.values as Row[]
}

test.group('Editable lists (Administración › Listas) and the CRM', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the CRM lists are seeded per organization from the manifest, in both languages', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminWorld(['crm'])
    const page = await client.get('/admin/settings/lists').loginAs(admin).withInertia()
    page.assertStatus(200)
    const declared = (page.inertiaProps.lists as any[]).map((l) => [l.key, l.label, l.editable])
    // The companies' lists first; each CRM feature appends its own (features/*.ts).
    assert.deepEqual(declared.slice(0, 2), [
      ['crm.company_types', 'Tipos de empresa', 'labels'],
      ['crm.industries', 'Sectores', 'open'],
    ])
    assert.deepInclude(declared, ['crm.zones', 'Zonas', 'open'])
    assert.equal(page.inertiaProps.current, 'crm.company_types')
    assert.deepEqual((page.inertiaProps.values as Row[])[0], {
      code: 'cliente',
      labelEs: 'Cliente',
      labelEn: 'Customer',
      active: true,
    })
    const industries = await screen(client, admin, 'crm.industries')
    assert.lengthOf(industries, 14)
    assert.deepEqual(industries[2], {
      code: 'tecnologia',
      labelEs: 'Tecnología',
      labelEn: 'Technology',
      active: true,
    })
    // Without the CRM the screen has nothing to edit and says so.
    const bare = await adminWorld()
    const empty = await client.get('/admin/settings/lists').loginAs(bare.admin).withInertia()
    assert.deepEqual(empty.inertiaProps.lists, [])
    const notHere = await write(client.put('/admin/settings/lists/crm.industries'), bare.admin, {
      values: industries,
    })
    notHere.assertStatus(404)
  })

  test('relabel, reorder, deactivate and add: the CRM form, filters and validation follow', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const rep = await crmUser(org, 'all')
    const current = await screen(client, admin, 'crm.industries')
    const edited: Row[] = [
      { labelEs: 'Ciberseguridad', labelEn: 'Cybersecurity', active: true },
      ...current.map((v) =>
        v.code === 'tecnologia'
          ? { ...v, labelEs: 'Tecnología e informática', labelEn: 'IT' }
          : v.code === 'otros'
            ? { ...v, active: false }
            : v
      ),
    ]
    const saved = await write(client.put('/admin/settings/lists/crm.industries'), admin, {
      values: edited,
    })
    saved.assertHeader('location', '/admin/settings/lists?list=crm.industries')
    saved.assertFlashMessage('success', 'Lista «Sectores» guardada.')
    const stored = await screen(client, admin, 'crm.industries')
    assert.deepEqual(stored[0], {
      code: 'ciberseguridad',
      labelEs: 'Ciberseguridad',
      labelEn: 'Cybersecurity',
      active: true,
    })
    assert.equal(stored[3].labelEs, 'Tecnología e informática')
    // Each changed value is in the audit log, by its label.
    const audit = await client.get('/admin/audit').loginAs(admin).withInertia()
    const ofValues = (audit.inertiaProps.entries as any[]).filter(
      (e) => e.subjectType === 'kernel.list_value'
    )
    assert.deepInclude(
      ofValues.find((e) => e.field === 'name' && e.action === 'update'),
      {
        typeLabel: 'Valor de lista',
        subjectLabel: 'Tecnología e informática',
        fieldLabel: 'Texto en español',
        oldValue: 'Tecnología',
        newValue: 'Tecnología e informática',
      }
    )
    assert.deepInclude(
      ofValues.find((e) => e.field === 'active'),
      { subjectLabel: 'Otros', oldValue: 'true', newValue: 'false' }
    )
    assert.isTrue(
      ofValues.some((e) => e.action === 'create' && e.subjectLabel === 'Ciberseguridad')
    )

    // The company form offers the active values, in order, with the new labels.
    const form = await client.get('/crm/companies/create').loginAs(rep).withInertia()
    const options = (form.inertiaProps.catalog as any).industries as any[]
    assert.deepEqual(options[0], { value: 'ciberseguridad', label: 'Ciberseguridad', active: true })
    assert.deepInclude(options, {
      value: 'tecnologia',
      label: 'Tecnología e informática',
      active: true,
    })
    assert.notInclude(
      options.map((o) => o.value),
      'otros'
    )
    // The list's filter still offers the deactivated value (records hold it).
    const index = await client.get('/crm/companies').loginAs(rep).withInertia()
    assert.deepInclude((index.inertiaProps.catalog as any).industries, {
      value: 'otros',
      label: 'Otros',
      active: false,
    })

    // Validation uses the organization's values.
    const created = await client
      .post('/crm/companies')
      .json(companyPayload({ industry: 'ciberseguridad', nif: '' }))
      .loginAs(rep)
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(302)
    assert.equal(
      (await db.from('crm_companies').where('organization_id', org.id).first()).industry,
      'ciberseguridad'
    )
    for (const [industry, message] of [
      ['otros', 'El valor de sector está desactivado: elija otro'],
      ['astronautica', 'El valor de sector no está en la lista'],
    ]) {
      const refused = await client
        .post('/crm/companies')
        .json(companyPayload({ name: `Otra ${industry}`, industry, nif: '' }))
        .loginAs(rep)
        .withCsrfToken()
        .redirects(0)
      refused.assertFlashMessage('inputErrorsBag', { industry: [message] })
    }
    // Another organization keeps the defaults.
    const other = await adminWorld(['crm'])
    assert.equal(
      await lists.label(other.org.id, 'crm.industries', 'tecnologia', 'es'),
      'Tecnología'
    )
    assert.isFalse(await lists.has(other.org.id, 'crm.industries', 'ciberseguridad'))
  })

  test('a deactivated value stays readable and editable on the records that hold it', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const rep = await crmUser(org, 'all', { locale: 'en' })
    const id = await insertCompany(org, { name: 'Vieja S.L.', industry: 'otros' })
    const values = (await screen(client, admin, 'crm.industries')).map((v) =>
      v.code === 'otros' ? { ...v, labelEn: 'Miscellaneous', active: false } : v
    )
    await write(client.put('/admin/settings/lists/crm.industries'), admin, { values })

    const show = await client.get(`/crm/companies/${id}`).loginAs(rep).withInertia()
    assert.equal((show.inertiaProps.labels as any).industry.otros, 'Miscellaneous')
    const edit = await client.get(`/crm/companies/${id}/edit`).loginAs(rep).withInertia()
    assert.deepInclude((edit.inertiaProps.catalog as any).industries, {
      value: 'otros',
      label: 'Miscellaneous',
      active: false,
    })
    // Saving the company without touching its sector keeps it.
    const saved = await client
      .put(`/crm/companies/${id}`)
      .json(companyPayload({ name: 'Vieja S.L.', industry: 'otros', nif: '' }))
      .loginAs(rep)
      .withCsrfToken()
      .redirects(0)
    saved.assertHeader('location', `/crm/companies/${id}`)
    const filtered = await client.get('/crm/companies?industry=otros').loginAs(rep).withInertia()
    assert.deepEqual(
      (filtered.inertiaProps.companies as any[]).map((c) => c.name),
      ['Vieja S.L.']
    )
    const csv = (await client.get('/crm/companies/export').loginAs(rep)).text()
    assert.include(csv, ';Miscellaneous;')
  })

  test('the audit log names coded values by the organization list labels', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const rep = await crmUser(org, 'all')
    await client
      .post('/crm/companies')
      .json(companyPayload({ industry: 'salud', nif: '' }))
      .loginAs(rep)
      .withCsrfToken()
      .redirects(0)
    const company = await db.from('crm_companies').where('organization_id', org.id).firstOrFail()
    await client
      .put(`/crm/companies/${company.id}`)
      .json(companyPayload({ industry: 'energia', nif: '' }))
      .loginAs(rep)
      .withCsrfToken()
      .redirects(0)
    const values = (await screen(client, admin, 'crm.industries')).map((v) =>
      v.code === 'salud' ? { ...v, labelEs: 'Sanidad', active: false } : v
    )
    await write(client.put('/admin/settings/lists/crm.industries'), admin, { values })
    const audit = await client.get('/admin/audit').loginAs(admin).withInertia()
    const change = (audit.inertiaProps.entries as any[]).find(
      (e) => e.field === 'industry' && e.action === 'update'
    )
    assert.include(change, { oldValue: 'Sanidad', newValue: 'Energía' })
  })

  test('removing values: only from open lists, never one in use; one value stays active', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'], { locale: 'en' })
    await insertCompany(org, { industry: 'salud' })
    const industries = await screen(client, admin, 'crm.industries')
    let response = await write(client.put('/admin/settings/lists/crm.industries'), admin, {
      values: industries.filter((v) => v.code !== 'salud'),
    })
    response.assertFlashMessage(
      'error',
      '“Health” is in use (1 record): deactivate it instead of removing it.'
    )
    response = await write(client.put('/admin/settings/lists/crm.industries'), admin, {
      values: industries.filter((v) => v.code !== 'energia'),
    })
    response.assertFlashMessage('success', 'List “Sectors” saved.')
    assert.isFalse(await lists.has(org.id, 'crm.industries', 'energia'))

    const types = await screen(client, admin, 'crm.company_types')
    response = await write(client.put('/admin/settings/lists/crm.company_types'), admin, {
      values: [...types, { labelEs: 'Socio', labelEn: 'Partner', active: true }],
    })
    response.assertFlashMessage('error', 'Values cannot be added to or removed from this list.')
    response = await write(client.put('/admin/settings/lists/crm.company_types'), admin, {
      values: types.map((v) => ({ ...v, active: false })),
    })
    response.assertFlashMessage('error', 'Leave at least one value active.')
    // Relabelling and reordering a fixed list is fine.
    response = await write(client.put('/admin/settings/lists/crm.company_types'), admin, {
      values: [...types]
        .reverse()
        .map((v) => (v.code === 'cliente' ? { ...v, labelEs: 'Clienta' } : v)),
    })
    response.assertFlashMessage('success', 'List “Company types” saved.')
    const after = await screen(client, admin, 'crm.company_types')
    assert.deepEqual(
      after.map((v) => v.code),
      ['distribuidor', 'proveedor', 'competidor', 'prospecto', 'cliente']
    )
    assert.equal(after[4].labelEs, 'Clienta')
    // An empty label is refused next to its row.
    response = await write(client.put('/admin/settings/lists/crm.company_types'), admin, {
      values: types.map((v, i) => (i === 1 ? { ...v, labelEs: '' } : v)),
    })
    const bag = response.flashMessages().inputErrorsBag as Record<string, unknown>
    assert.isDefined(bag['values.1.labelEs'])
    // Non-administrators never reach it.
    const user = await createUser(org, { permissions: ['crm.companies.view'] })
    const forbidden = await write(client.put('/admin/settings/lists/crm.company_types'), user, {
      values: types,
    })
    forbidden.assertStatus(403)
  })
})
