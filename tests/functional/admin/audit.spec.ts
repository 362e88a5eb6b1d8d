import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { audit } from '#app/history/audit'
import { dbTimestamp } from '#app/support/dates'
import { createUser } from '#tests/helpers/world'
import { adminWorld, otherOrganization, write } from './_helpers.js'

test.group('Admin · audit log', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the organization entries newest first with names, and filters them', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const clerk = await createUser(org, { isAdmin: true }, { fullName: 'Berta Auditada' })
    await write(client.post('/admin/teams'), admin, {
      name: 'Equipo Uno',
      memberIds: [],
      monthlyTarget: '100',
      currency: 'EUR',
    })
    const target = await createUser(org, {}, { fullName: 'Diego Objetivo' })
    await write(client.post(`/admin/users/${target.id}/deactivate`), clerk)
    const other = await otherOrganization()
    await audit.record({
      organizationId: other.org.id,
      actorId: other.admin.id,
      subjectType: 'kernel.team',
      subjectId: 1,
      action: 'create',
      changes: [],
    })

    const all = await client.get('/admin/audit').loginAs(admin).withInertia()
    all.assertInertiaComponent('admin/audit/index')
    const entries = all.inertiaProps.entries as any[]
    assert.isAbove(entries.length, 2)
    assert.deepEqual(
      entries.map((e) => e.id),
      [...entries.map((e) => e.id)].sort((a, b) => b - a),
      'newest first'
    )
    const deactivation = entries[0]
    assert.deepInclude(deactivation, {
      subjectType: 'kernel.user',
      subjectId: target.id,
      subjectLabel: 'Diego Objetivo',
      actorName: 'Berta Auditada',
      action: 'update',
      field: 'isActive',
      oldValue: 'true',
      newValue: 'false',
    })
    assert.notInclude(
      entries.map((e) => e.actorName),
      other.admin.fullName
    )

    const byUser = await client.get(`/admin/audit?actorId=${clerk.id}`).loginAs(admin).withInertia()
    assert.isTrue(
      (byUser.inertiaProps.entries as any[]).every((e) => e.actorName === 'Berta Auditada')
    )
    const byType = await client
      .get('/admin/audit?subjectType=kernel.team')
      .loginAs(admin)
      .withInertia()
    const teams = byType.inertiaProps.entries as any[]
    assert.isNotEmpty(teams)
    assert.isTrue(
      teams.every(
        (e) =>
          e.subjectType === 'kernel.team' &&
          e.subjectLabel === 'Equipo Uno' &&
          e.action === 'create'
      )
    )
    const byAction = await client.get('/admin/audit?action=update').loginAs(admin).withInertia()
    assert.isTrue((byAction.inertiaProps.entries as any[]).every((e) => e.action === 'update'))
    assert.isNotEmpty(byAction.inertiaProps.entries)
  })

  test('module records are named: their type, their fields and the filter come from the manifests', async ({
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

  test('the date range counts whole days in the administrator time zone', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld([], { timezone: 'Europe/Madrid' })
    const at = (iso: string) => dbTimestamp(new Date(iso))
    const rows = [
      ['2026-03-09T22:59:59Z', 'antes'], // 23:59:59 on 9 March in Madrid
      ['2026-03-09T23:00:00Z', 'dentro-1'], // 00:00 on 10 March in Madrid
      ['2026-03-10T22:59:59Z', 'dentro-2'],
      ['2026-03-10T23:00:00Z', 'despues'],
    ]
    for (const [when, value] of rows) {
      await db.table('audit_logs').insert({
        organization_id: org.id,
        actor_id: admin.id,
        subject_type: 'test.thing',
        subject_id: 1,
        action: 'update',
        field: 'x',
        old_value: null,
        new_value: value,
        created_at: at(when),
      })
    }
    const response = await client
      .get('/admin/audit?subjectType=test.thing&from=2026-03-10&to=2026-03-10')
      .loginAs(admin)
      .withInertia()
    assert.deepEqual(
      (response.inertiaProps.entries as any[]).map((e) => e.newValue),
      ['dentro-2', 'dentro-1']
    )
    assert.deepEqual(response.inertiaProps.count, { value: 2, capped: false })
    const later = await client
      .get('/admin/audit?subjectType=test.thing&from=2026-03-11')
      .loginAs(admin)
      .withInertia()
    assert.deepEqual(
      (later.inertiaProps.entries as any[]).map((e) => e.newValue),
      ['despues']
    )
  })

  test('pages with a cursor, and bad filters fall back to the full list', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    for (let i = 0; i < 60; i++) {
      await db.table('audit_logs').insert({
        organization_id: org.id,
        actor_id: admin.id,
        subject_type: 'test.thing',
        subject_id: i,
        action: 'create',
        field: null,
        old_value: null,
        new_value: null,
        created_at: dbTimestamp(),
      })
    }
    const first = await client
      .get('/admin/audit?subjectType=test.thing')
      .loginAs(admin)
      .withInertia()
    assert.lengthOf(first.inertiaProps.entries as any[], 50)
    const next = first.inertiaProps.next as string
    assert.isString(next)
    const second = await client
      .get(`/admin/audit?subjectType=test.thing&cursor=${next}`)
      .loginAs(admin)
      .withInertia()
    assert.lengthOf(second.inertiaProps.entries as any[], 10)
    assert.isNull(second.inertiaProps.next)
    const ids = [
      ...(first.inertiaProps.entries as any[]),
      ...(second.inertiaProps.entries as any[]),
    ].map((e) => e.subjectId)
    assert.lengthOf(new Set(ids), 60)

    const bad = await client
      .get('/admin/audit?action=explode&from=ayer')
      .loginAs(admin)
      .withInertia()
    bad.assertStatus(200)
    assert.isNull(bad.inertiaProps.filters.action)
  })
  test("every action, field and value reads as a label: exports, catalogue codes, a contact's names", async ({
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

  test('an export of an older version, without its size, still says what it was; kernel codes are labelled', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await audit.record({
      organizationId: org.id,
      actorId: admin.id,
      subjectType: 'crm.contact',
      subjectId: 0,
      action: 'export' as any,
      changes: [{ field: 'filters', from: null, to: {} }],
    })
    await audit.record({
      organizationId: org.id,
      actorId: admin.id,
      subjectType: 'kernel.user',
      subjectId: admin.id,
      action: 'update',
      changes: [{ field: 'locale', from: 'es', to: 'en' }],
    })
    const page = await client.get('/admin/audit').loginAs(admin).withInertia()
    const entries = page.inertiaProps.entries as any[]
    assert.equal(
      entries.find((e) => e.subjectType === 'crm.contact').subjectLabel,
      'Exportación de contactos'
    )
    assert.deepInclude(
      entries.find((e) => e.field === 'locale'),
      { fieldLabel: 'Idioma', oldValue: 'Español', newValue: 'English' }
    )
  })
})
