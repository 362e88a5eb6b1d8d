import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUser } from '#tests/helpers/world'
import { adminWorld, write } from '#tests/functional/admin/_helpers'

/*
 * The CRM's writes as the kernel's audit screen (Administración › Auditoría) shows them: the
 * labels the crm manifest declares for its subjects, fields, lists and exports. (The screen
 * itself: tests/functional/admin/audit.spec.ts.)
 */
test.group('CRM · audit log entries', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('CRM records are named in the audit log: type, fields and filter come from the manifest', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const created = await write(client.post('/crm/companies'), admin, {
      name: 'Ferretería Álvarez',
      type: 'cliente',
    }).withInertia()
    created.assertStatus(302)
    const company = await db
      .from('crm_companies')
      .where({ organization_id: org.id, name: 'Ferretería Álvarez' })
      .firstOrFail()
    const edited = await write(client.put(`/crm/companies/${company.id}`), admin, {
      name: 'Ferretería Álvarez',
      legalName: 'Ferretería Álvarez, S.L.',
      type: 'cliente',
    }).withInertia()
    edited.assertStatus(303)
    const contact = await write(client.post('/crm/contacts'), admin, {
      firstName: 'Lola',
      lastName: 'Flores',
      companyId: company.id,
    }).withInertia()
    contact.assertStatus(302)

    const page = await client
      .get('/admin/audit?subjectType=crm.company')
      .loginAs(admin)
      .withInertia()
    const entries = page.inertiaProps.entries as any[]
    assert.isNotEmpty(entries)
    assert.isTrue(
      entries.every(
        (e) =>
          e.subjectType === 'crm.company' &&
          e.typeLabel === 'Empresa' &&
          e.subjectLabel === 'Ferretería Álvarez'
      )
    )
    assert.deepInclude(entries[0], {
      action: 'update',
      field: 'legalName',
      fieldLabel: 'Razón social',
      newValue: 'Ferretería Álvarez, S.L.',
    })
    const types = page.inertiaProps.subjectTypes as any[]
    assert.deepInclude(types, { value: 'crm.company', label: 'Empresa' })
    assert.deepInclude(types, { value: 'crm.contact', label: 'Contacto' })
    assert.deepInclude(types, { value: 'kernel.user', label: 'Usuario' })

    const contacts = await client
      .get('/admin/audit?subjectType=crm.contact')
      .loginAs(admin)
      .withInertia()
    const lola = (contacts.inertiaProps.entries as any[]).find((e) => e.field === 'company')
    assert.deepInclude(lola, {
      typeLabel: 'Contacto',
      subjectLabel: 'Lola Flores',
      fieldLabel: 'Empresa',
      newValue: 'Ferretería Álvarez',
    })

    // A deleted record keeps the name the log recorded for it.
    const deleted = await write(client.delete(`/crm/companies/${company.id}`), admin).withInertia()
    deleted.assertStatus(303)
    const after = await client
      .get('/admin/audit?subjectType=crm.company&action=delete')
      .loginAs(admin)
      .withInertia()
    assert.isTrue(
      (after.inertiaProps.entries as any[]).every((e) => e.subjectLabel === 'Ferretería Álvarez')
    )

    const english = await createUser(org, { isAdmin: true }, { locale: 'en' })
    const en = await client
      .get('/admin/audit?subjectType=crm.company&action=update')
      .loginAs(english)
      .withInertia()
    assert.deepInclude((en.inertiaProps.entries as any[])[0], {
      typeLabel: 'Company',
      fieldLabel: 'Legal name',
    })
    assert.deepInclude(en.inertiaProps.subjectTypes as any[], {
      value: 'crm.contact',
      label: 'Contact',
    })
  })

  test("every CRM action, field and value reads as a label: exports, catalogue codes, a contact's names", async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const created = await write(client.post('/crm/companies'), admin, {
      name: 'Bar Manolo',
      type: 'prospecto',
      industry: 'hosteleria',
    })
    created.assertStatus(302)
    await write(client.post('/crm/companies'), admin, { name: 'Tasca Pepa', type: 'cliente' })
    await write(client.post('/crm/contacts'), admin, { firstName: 'Lola', lastName: 'Flores' })
    const exported = await client.get('/crm/companies/export?type=prospecto').loginAs(admin)
    exported.assertStatus(200)
    assert.equal(exported.text().trim().split('\n').length, 2, 'a header and one company')

    const page = await client.get('/admin/audit').loginAs(admin).withInertia()
    const entries = page.inertiaProps.entries as any[]
    const ofExport = entries.filter((e) => e.action === 'export')
    assert.lengthOf(ofExport, 2, 'the filters and the size')
    for (const e of ofExport) {
      assert.deepInclude(e, {
        subjectType: 'crm.company',
        subjectId: 0,
        actionLabel: 'Exportación',
        typeLabel: 'Empresa',
      })
      assert.equal(e.subjectLabel, 'Exportación de empresas (1 fila)')
    }
    assert.deepInclude(
      ofExport.find((e) => e.field === 'filters'),
      { fieldLabel: 'Filtros', newValue: JSON.stringify({ Tipo: 'Prospecto' }) }
    )
    assert.deepInclude(
      ofExport.find((e) => e.field === 'rows'),
      { fieldLabel: 'Filas', newValue: '1' }
    )

    const bar = await db
      .from('crm_companies')
      .where({ organization_id: org.id, name: 'Bar Manolo' })
      .firstOrFail()
    const ofBar = entries.filter((e) => e.subjectType === 'crm.company' && e.subjectId === bar.id)
    assert.deepInclude(
      ofBar.find((e) => e.field === 'type'),
      { actionLabel: 'Creación', fieldLabel: 'Tipo', newValue: 'Prospecto' }
    )
    assert.deepInclude(
      ofBar.find((e) => e.field === 'industry'),
      { fieldLabel: 'Sector', newValue: 'Hostelería' }
    )
    assert.isFalse(
      entries.some((e) => ['prospecto', 'cliente', 'hosteleria'].includes(e.newValue)),
      'no raw codes'
    )

    const ofLola = entries.filter((e) => e.subjectType === 'crm.contact')
    const label = (field: string) => ofLola.find((e) => e.field === field)?.fieldLabel
    assert.equal(label('firstName'), 'Nombre')
    assert.equal(label('lastName'), 'Apellidos')
    assert.equal(label('name'), 'Nombre completo')
    const labels = ofLola.map((e) => e.fieldLabel)
    assert.deepEqual(labels, [...new Set(labels)], 'one row per label: no two "Nombre"')
    assert.isFalse(
      entries.some((e) => e.actionLabel.startsWith('admin.') || e.subjectLabel?.includes('#'))
    )

    const filtered = await client.get('/admin/audit?action=export').loginAs(admin).withInertia()
    assert.deepEqual(
      (filtered.inertiaProps.entries as any[]).map((e) => e.action),
      ['export', 'export']
    )
  })
})
