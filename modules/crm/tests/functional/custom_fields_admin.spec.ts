import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUser } from '#tests/helpers/world'
import { adminWorld, write } from '#tests/functional/admin/_helpers'
import { customFields } from '#app/custom_fields/definitions'
import { saveField } from '#app/custom_fields/admin'
import { loadRecordValues, saveCustomValues } from '#app/custom_fields/values'
import { validateCustomFields } from '#app/custom_fields/validate'
import { insertCompany } from '../helpers.js'

const field = (over: Record<string, unknown> = {}) => ({
  resource: 'crm.companies',
  label: 'Nº de empleados',
  type: 'number',
  required: false,
  showInList: true,
  active: true,
  ...over,
})

test.group('Custom fields · administration', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only administrators reach the screen; it lists the resources that accept fields', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const rep = await createUser(org)
    ;(await client.get('/admin/custom-fields').loginAs(rep)).assertStatus(403)
    const page = await client.get('/admin/custom-fields').loginAs(admin).withInertia()
    page.assertInertiaComponent('admin/custom_fields/index')
    assert.deepEqual(
      (page.inertiaProps.resources as any[]).map((r) => [r.key, r.label]),
      [
        ['crm.companies', 'Empresas'],
        ['crm.contacts', 'Contactos'],
        ['crm.leads', 'Iniciativas'],
        ['crm.opportunities', 'Oportunidades'],
      ]
    )
    assert.equal(page.inertiaProps.current, 'crm.companies')
    assert.deepEqual(page.inertiaProps.fields, [])
    // A resource that does not accept fields (or an unknown one) is refused.
    const refused = await write(
      client.post('/admin/custom-fields'),
      admin,
      field({ resource: 'kernel.users' })
    )
    refused.assertStatus(404)
  })

  test('a field is created with a key from its label, edited, reordered, and audited', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    let response = await write(client.post('/admin/custom-fields'), admin, field())
    response.assertHeader('location', '/admin/custom-fields?resource=crm.companies')
    response.assertFlashMessage('success', 'Campo «Nº de empleados» creado.')
    await write(
      client.post('/admin/custom-fields'),
      admin,
      field({
        label: 'Sector secundario',
        type: 'multi_list',
        choices: [
          { label: 'Energía', active: true },
          { label: 'Agua', active: true },
        ],
      })
    )
    // The same label twice is refused next to the field.
    response = await write(
      client.post('/admin/custom-fields'),
      admin,
      field({ label: 'nº de EMPLEADOS' })
    )
    response.assertFlashMessage('inputErrorsBag', {
      label: ['Ya hay un campo llamado «nº de EMPLEADOS».'],
    })
    // A list without choices is refused.
    response = await write(
      client.post('/admin/custom-fields'),
      admin,
      field({ label: 'Zona', type: 'list', choices: [] })
    )
    response.assertFlashMessage('inputErrorsBag', { choices: ['Añada al menos una opción.'] })

    let fields = await customFields(org.id, 'crm.companies')
    assert.deepEqual(
      fields.map((f) => [f.key, f.type, f.position]),
      [
        ['n_de_empleados', 'number', 1],
        ['sector_secundario', 'multi_list', 2],
      ]
    )
    assert.deepEqual(fields[1].options.choices, [
      { code: 'energia', label: 'Energía', active: true },
      { code: 'agua', label: 'Agua', active: true },
    ])
    await write(client.post(`/admin/custom-fields/${fields[1].id}/move`), admin, {
      direction: 'up',
    })
    fields = await customFields(org.id, 'crm.companies')
    assert.deepEqual(
      fields.map((f) => f.key),
      ['sector_secundario', 'n_de_empleados']
    )

    // Deactivated: gone from forms (the active list), kept on the screen.
    await write(client.put(`/admin/custom-fields/${fields[1].id}`), admin, field({ active: false }))
    assert.deepEqual(
      (await customFields(org.id, 'crm.companies')).map((f) => f.key),
      ['sector_secundario']
    )
    assert.lengthOf(await customFields(org.id, 'crm.companies', { inactive: true }), 2)

    const audit = await db
      .from('audit_logs')
      .where({
        organization_id: org.id,
        subject_type: 'kernel.custom_field',
        subject_id: fields[1].id,
      })
      .orderBy('id')
      .select('action', 'field', 'new_value')
    assert.deepInclude(audit, { action: 'create', field: 'name', new_value: 'Nº de empleados' })
    assert.deepInclude(audit, { action: 'update', field: 'active', new_value: 'false' })
  })

  test('the type is fixed once values exist; a choice in use cannot be removed; delete takes the values', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const actor = { organizationId: org.id, actorId: admin.id }
    const tier = await saveField(actor, 'crm.companies', {
      label: 'Nivel',
      type: 'list',
      required: false,
      showInList: true,
      active: true,
      choices: [
        { label: 'Oro', active: true },
        { label: 'Plata', active: true },
      ],
    })
    const companyId = await insertCompany(org)
    await db.transaction((trx) =>
      saveCustomValues(trx, {
        organizationId: org.id,
        resource: 'crm.companies',
        recordId: companyId,
        values: { nivel: 'oro' },
      })
    )
    let response = await write(
      client.put(`/admin/custom-fields/${tier.id}`),
      admin,
      field({ label: 'Nivel', type: 'text' })
    )
    response.assertFlashMessage('inputErrorsBag', {
      type: ['El tipo no se puede cambiar porque hay registros con valor en este campo.'],
    })
    response = await write(
      client.put(`/admin/custom-fields/${tier.id}`),
      admin,
      field({
        label: 'Nivel',
        type: 'list',
        choices: [{ code: 'plata', label: 'Plata', active: true }],
      })
    )
    response.assertFlashMessage('inputErrorsBag', {
      choices: ['La opción «Oro» está en uso (1 registro): desactívela en lugar de quitarla.'],
    })
    // Deactivating it is fine, and a record holding it keeps it valid; a new choice gets a code.
    await write(
      client.put(`/admin/custom-fields/${tier.id}`),
      admin,
      field({
        label: 'Nivel',
        type: 'list',
        choices: [
          { code: 'oro', label: 'Oro', active: false },
          { code: 'plata', label: 'Plata', active: true },
          { label: 'Bronce', active: true },
        ],
      })
    )
    const [saved] = await customFields(org.id, 'crm.companies')
    assert.deepEqual(
      saved.options.choices!.map((c) => [c.code, c.active]),
      [
        ['oro', false],
        ['plata', true],
        ['bronce', true],
      ]
    )
    const held = await validateCustomFields(
      org.id,
      'crm.companies',
      { nivel: 'oro' },
      { current: { nivel: 'oro' } }
    )
    assert.deepEqual(held.errors, [])
    const fresh = await validateCustomFields(org.id, 'crm.companies', { nivel: 'oro' })
    assert.deepEqual(
      fresh.errors.map((e) => e.key),
      ['custom_fields.errors.choice_inactive']
    )

    const page = await client.get('/admin/custom-fields').loginAs(admin).withInertia()
    assert.equal((page.inertiaProps.fields as any[])[0].used, 1)
    response = await write(client.delete(`/admin/custom-fields/${tier.id}`), admin)
    response.assertFlashMessage('success', 'Campo «Nivel» eliminado.')
    assert.lengthOf(await db.from('custom_field_values').where('field_id', tier.id), 0)
    assert.lengthOf(await customFields(org.id, 'crm.companies', { inactive: true }), 0)
    assert.deepEqual(await loadRecordValues(org.id, 'crm.companies', companyId), {})
  })
})

test.group('Custom fields · values', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every type is validated, stored in its typed column and read back', async ({ assert }) => {
    const { org, admin } = await adminWorld(['crm'])
    const other = await adminWorld(['crm'])
    const actor = { organizationId: org.id, actorId: admin.id }
    const base = { required: false, showInList: false, active: true }
    const add = (label: string, type: any, extra: Record<string, unknown> = {}) =>
      saveField(actor, 'crm.companies', { ...base, label, type, ...extra })
    await add('Código', 'text', { required: true })
    await add('Notas internas', 'long_text')
    await add('Empleados', 'number', { decimals: 1 })
    await add('Facturación', 'money')
    await add('Renovación', 'date')
    await add('Cliente VIP', 'boolean')
    await add('Zona', 'list', {
      choices: [
        { label: 'Norte', active: true },
        { label: 'Sur', active: true },
      ],
    })
    await add('Canales', 'multi_list', {
      choices: [
        { label: 'Web', active: true },
        { label: 'Tienda', active: true },
      ],
    })
    await add('Gestor', 'user')
    await add('Web corporativa', 'link')

    const bad = await validateCustomFields(org.id, 'crm.companies', {
      codigo: ' ',
      empleados: '12.34',
      facturacion: '10.001',
      renovacion: '2026-02-30',
      cliente_vip: 'quizás',
      zona: 'oeste',
      canales: ['web', 'nada'],
      gestor: other.admin.id,
      web_corporativa: 'javascript:alert(1)',
    })
    assert.deepEqual(
      Object.fromEntries(
        bad.errors.map((e) => [e.field, e.key.replace('custom_fields.errors.', '')])
      ),
      {
        'customFields.codigo': 'required',
        'customFields.empleados': 'decimals',
        'customFields.facturacion': 'decimals',
        'customFields.renovacion': 'date',
        'customFields.cliente_vip': 'boolean',
        'customFields.zona': 'choice',
        'customFields.canales': 'choice',
        'customFields.gestor': 'user',
        'customFields.web_corporativa': 'link',
      }
    )

    const good = await validateCustomFields(org.id, 'crm.companies', {
      codigo: ' C-1 ',
      notas_internas: 'Largo '.repeat(100),
      empleados: '12,5',
      facturacion: '1234.5',
      renovacion: '2026-03-01',
      cliente_vip: true,
      zona: 'Sur', // a label matches its code (imports)
      canales: ['web', 'tienda', 'web'],
      gestor: admin.id,
      web_corporativa: 'https://example.com/a',
    })
    assert.deepEqual(good.errors, [])
    const companyId = await insertCompany(org)
    const { before, after } = await db.transaction((trx) =>
      saveCustomValues(trx, {
        organizationId: org.id,
        resource: 'crm.companies',
        recordId: companyId,
        values: good.values,
      })
    )
    assert.equal(before.codigo, null)
    const stored = await loadRecordValues(org.id, 'crm.companies', companyId)
    assert.deepEqual(stored, after)
    assert.deepEqual(stored, {
      codigo: 'C-1',
      notas_internas: 'Largo '.repeat(100).trim(),
      empleados: '12.5',
      facturacion: '1234.50',
      renovacion: '2026-03-01',
      cliente_vip: true,
      zona: 'sur',
      canales: ['web', 'tienda'],
      gestor: admin.id,
      web_corporativa: 'https://example.com/a',
    })
    // Money is kept as its decimal amount (not minor units: a later change of the default
    // currency's decimals must not rescale it).
    const money = await db
      .from('custom_field_values as v')
      .join('custom_fields as f', 'f.id', 'v.field_id')
      .where('f.key', 'facturacion')
      .where('v.record_id', companyId)
      .first()
    assert.equal(Number(money.value_number), 1234.5)
    assert.lengthOf(
      await db
        .from('custom_field_values')
        .where('record_id', companyId)
        .where('organization_id', org.id),
      11 // one row per field, two for the multi-list
    )
  })
})
