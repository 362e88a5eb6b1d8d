import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { purgeEntry } from '#app/bin/bin'
import { saveField } from '#app/custom_fields/admin'
import { adminWorld } from '#tests/functional/admin/_helpers'
import { companyPayload, crmUser } from '../helpers.js'

const base = { required: false, showInList: true, active: true }

/** An organization with CRM, an administrator, a rep, and fields on companies and contacts. */
async function world() {
  const { org, admin } = await adminWorld(['crm'])
  const user = await crmUser(org, 'all')
  const actor = { organizationId: org.id, actorId: admin.id }
  await saveField(actor, 'crm.companies', {
    ...base,
    label: 'Empleados',
    type: 'number',
    required: true,
  })
  await saveField(actor, 'crm.companies', {
    ...base,
    label: 'Nivel',
    type: 'list',
    choices: [
      { label: 'Oro', active: true },
      { label: 'Plata', active: true },
    ],
  })
  await saveField(actor, 'crm.companies', { ...base, label: 'Renovación', type: 'date' })
  await saveField(actor, 'crm.contacts', { ...base, label: 'Cumpleaños', type: 'date' })
  await saveField(actor, 'crm.contacts', { ...base, label: 'Newsletter', type: 'boolean' })
  return { org, admin, user }
}

test.group('Custom fields · companies and contacts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the company form offers the fields; they are validated with the built-in ones', async ({
    client,
    assert,
  }) => {
    const { user } = await world()
    const form = await client.get('/crm/companies/create').loginAs(user).withInertia()
    assert.deepEqual(
      (form.inertiaProps.customFields as any[]).map((f) => [f.key, f.type, f.required]),
      [
        ['empleados', 'number', true],
        ['nivel', 'list', false],
        ['renovacion', 'date', false],
      ]
    )
    assert.deepEqual(form.inertiaProps.customValues, {
      empleados: null,
      nivel: null,
      renovacion: null,
    })

    // A built-in error and custom ones come back together, each keyed to its field.
    const refused = await client
      .post('/crm/companies')
      .json({
        ...companyPayload({ name: '' }),
        customFields: { nivel: 'bronce', renovacion: '31/02/2026' },
      })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    const errors = refused.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.exists(errors.name)
    assert.deepEqual(errors['customFields.empleados'], ['El campo Empleados es obligatorio'])
    assert.deepEqual(errors['customFields.nivel'], ['El valor de Nivel no está entre sus opciones'])
    assert.deepEqual(errors['customFields.renovacion'], [
      'El campo Renovación debe ser una fecha válida',
    ])
    assert.lengthOf(await db.from('crm_companies').where('organization_id', user.organizationId), 0)
  })

  test('values are saved with the company, shown on its page, and audited under their label', async ({
    client,
    assert,
  }) => {
    const { org, admin, user } = await world()
    const created = await client
      .post('/crm/companies')
      .json({
        ...companyPayload(),
        customFields: { empleados: '120', nivel: 'oro', renovacion: '2027-01-15' },
      })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    created.assertStatus(302)
    const company = await db.from('crm_companies').where('organization_id', org.id).firstOrFail()

    const page = await client.get(`/crm/companies/${company.id}`).loginAs(user).withInertia()
    assert.deepEqual(
      (page.inertiaProps.customFields as any[]).map((f) => [f.label, f.value, f.text]),
      [
        ['Empleados', '120', null],
        ['Nivel', 'oro', 'Oro'],
        ['Renovación', '2027-01-15', null],
      ]
    )

    const updated = await client
      .put(`/crm/companies/${company.id}`)
      .json({
        ...companyPayload(),
        customFields: { empleados: '125', nivel: 'plata', renovacion: '' },
      })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    updated.assertHeader('location', `/crm/companies/${company.id}`)
    const edit = await client.get(`/crm/companies/${company.id}/edit`).loginAs(user).withInertia()
    assert.deepEqual(edit.inertiaProps.customValues, {
      empleados: '125',
      nivel: 'plata',
      renovacion: null,
    })

    const audit = await db
      .from('audit_logs')
      .where({
        organization_id: org.id,
        subject_type: 'crm.company',
        subject_id: company.id,
        action: 'update',
      })
      .orderBy('field')
      .select('field', 'old_value', 'new_value')
    assert.deepEqual(
      audit.map((r) => [r.field, r.old_value, r.new_value]),
      [
        ['cf.empleados', '120', '125'],
        ['cf.nivel', 'Oro', 'Plata'],
        ['cf.renovacion', '2027-01-15', null],
      ]
    )
    const timeline = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: company.id, kind: 'updated' })
      .firstOrFail()
    const data = typeof timeline.data === 'string' ? JSON.parse(timeline.data) : timeline.data
    assert.includeMembers(
      data.changes.map((c: any) => c.field),
      ['cf.empleados', 'cf.nivel', 'cf.renovacion']
    )
    // The administrator's audit page names the field by its label.
    const auditPage = await client.get('/admin/audit').loginAs(admin).withInertia()
    const labels = (auditPage.inertiaProps.entries as any[]).map((e) => e.fieldLabel)
    assert.includeMembers(labels, ['Empleados', 'Nivel', 'Renovación'])
    assert.notInclude(labels, 'cf.nivel')
  })

  test('contacts take their own fields; a purged record loses its values, a binned one keeps them', async ({
    client,
    assert,
  }) => {
    const { org, user } = await world()
    const response = await client
      .post('/crm/contacts')
      .json({
        firstName: 'Lucía',
        lastName: 'Martín',
        customFields: { cumpleanos: '1990-05-04', newsletter: true },
      })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(302)
    const contact = await db.from('crm_contacts').where('organization_id', org.id).firstOrFail()
    const show = await client.get(`/crm/contacts/${contact.id}`).loginAs(user).withInertia()
    assert.deepEqual(
      (show.inertiaProps.customFields as any[]).map((f) => [f.key, f.value]),
      [
        ['cumpleanos', '1990-05-04'],
        ['newsletter', true],
      ]
    )
    const rows = () =>
      db.from('custom_field_values').where({ organization_id: org.id, record_id: contact.id })
    assert.lengthOf(await rows(), 2)

    await client.delete(`/crm/contacts/${contact.id}`).loginAs(user).withCsrfToken().redirects(0)
    assert.lengthOf(await rows(), 2, 'binned: kept for a restore')
    const entry = await db
      .from('bin_entries')
      .where({ resource: 'crm.contacts', record_id: contact.id })
      .firstOrFail()
    await purgeEntry({ organizationId: org.id, actorId: user.id, entryId: entry.id })
    assert.lengthOf(await rows(), 0, 'purged: gone')
  })
})
