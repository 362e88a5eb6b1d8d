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

  test('module records are named: type, fields, list values and the filter come from the manifests', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['sonda'])
    const entry = (
      subjectId: number,
      action: 'create' | 'update' | 'delete' | 'export',
      changes: { field: string; from: unknown; to: unknown }[]
    ) =>
      audit.record({
        organizationId: org.id,
        actorId: admin.id,
        subjectType: 'sonda.item',
        subjectId,
        action: action as any,
        changes,
      })
    await entry(41, 'create', [
      { field: 'name', from: null, to: 'Ferretería Álvarez' },
      { field: 'color', from: null, to: 'rojo' },
    ])
    await entry(41, 'update', [{ field: 'notes', from: null, to: 'Cliente desde 2019' }])
    await entry(0, 'export', [
      { field: 'filters', from: null, to: {} },
      { field: 'rows', from: null, to: 1 },
    ])

    const page = await client
      .get('/admin/audit?subjectType=sonda.item')
      .loginAs(admin)
      .withInertia()
    const entries = page.inertiaProps.entries as any[]
    const ofItem = entries.filter((e) => e.subjectId === 41)
    assert.lengthOf(ofItem, 3)
    assert.isTrue(
      ofItem.every(
        (e) =>
          e.subjectType === 'sonda.item' &&
          e.typeLabel === 'Elemento' &&
          e.subjectLabel === 'Ferretería Álvarez'
      )
    )
    assert.deepInclude(ofItem[0], {
      action: 'update',
      field: 'notes',
      fieldLabel: 'Notas',
      newValue: 'Cliente desde 2019',
    })
    assert.deepInclude(
      ofItem.find((e) => e.field === 'color'),
      { actionLabel: 'Creación', fieldLabel: 'Color', newValue: 'Rojo' },
      'a code of an editable list reads as its label'
    )
    const exported = entries.filter((e) => e.action === 'export')
    assert.lengthOf(exported, 2)
    for (const e of exported) {
      assert.deepInclude(e, { subjectId: 0, actionLabel: 'Exportación', typeLabel: 'Elemento' })
      assert.equal(e.subjectLabel, 'Exportación de elementos (1 fila)')
    }
    const types = page.inertiaProps.subjectTypes as any[]
    assert.deepInclude(types, { value: 'sonda.item', label: 'Elemento' })
    assert.deepInclude(types, { value: 'kernel.user', label: 'Usuario' })

    const english = await createUser(org, { isAdmin: true }, { locale: 'en' })
    const en = await client
      .get('/admin/audit?subjectType=sonda.item&action=update')
      .loginAs(english)
      .withInertia()
    const [updated] = en.inertiaProps.entries as any[]
    assert.deepInclude(updated, { typeLabel: 'Item', fieldLabel: 'Notes' })
    assert.lengthOf(en.inertiaProps.entries as any[], 1)
    assert.deepInclude(en.inertiaProps.subjectTypes as any[], {
      value: 'sonda.item',
      label: 'Item',
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
  test('an export of an older version, without its size, still says what it was; kernel codes are labelled', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await audit.record({
      organizationId: org.id,
      actorId: admin.id,
      subjectType: 'sonda.item',
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
      entries.find((e) => e.subjectType === 'sonda.item').subjectLabel,
      'Exportación de elementos'
    )
    assert.deepInclude(
      entries.find((e) => e.field === 'locale'),
      { fieldLabel: 'Idioma', oldValue: 'Español', newValue: 'English' }
    )
  })
})
