import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { drainQueue } from '#tests/helpers/queue'
import { BULK_CAP, BULK_JOB_THRESHOLD } from '#app/bulk/bulk'
import { saveField } from '#app/custom_fields/admin'
import { loadCustomValues } from '#app/custom_fields/values'
import { adminWorld } from '#tests/functional/admin/_helpers'
import { crmUser, insertCompanies, insertCompany, insertContact } from '../helpers.js'

const bulk = (client: any, user: any, resource: string, body: Record<string, unknown>) =>
  client.post(`/crm/${resource}/bulk`).json(body).accept('json').loginAs(user).withCsrfToken()

const ownersOf = async (ids: number[]) =>
  Object.fromEntries(
    (await db.from('crm_companies').whereIn('id', ids).select('id', 'owner_id')).map((r) => [
      Number(r.id),
      r.owner_id === null ? null : Number(r.owner_id),
    ])
  )

test.group('Bulk actions · companies and contacts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('owner change of explicit ids: rows, audit and timeline per row', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const manager = await crmUser(org, 'all')
    const rep = await crmUser(org, 'own', { fullName: 'Rosa Repre' })
    const a = await insertCompany(org, { name: 'Alfa' })
    const b = await insertCompany(org, { name: 'Beta' })
    const c = await insertCompany(org, { name: 'Gamma' })
    const response = await bulk(client, manager, 'companies', {
      action: 'owner',
      ids: [a, b],
      params: { ownerId: rep.id },
    })
    response.assertStatus(200)
    assert.containsSubset(response.body(), { status: 'done', total: 2, changed: 2 })
    assert.deepEqual(await ownersOf([a, b, c]), { [a]: rep.id, [b]: rep.id, [c]: null })
    const audits = await db
      .from('audit_logs')
      .where({ organization_id: org.id, subject_type: 'crm.company', field: 'owner' })
      .orderBy('subject_id')
    assert.deepEqual(
      audits.map((r) => [Number(r.subject_id), r.new_value, Number(r.actor_id)]),
      [
        [a, 'Rosa Repre', manager.id],
        [b, 'Rosa Repre', manager.id],
      ]
    )
    const timeline = await db
      .from('timeline_events')
      .where({ organization_id: org.id, subject_type: 'crm.company', kind: 'updated' })
    assert.lengthOf(timeline, 2)
    // The list shows it at once (its cached count and the rep's own scope).
    const mine = await client.get('/crm/companies?owner=mine').loginAs(rep).withInertia()
    assert.sameMembers(
      mine.inertiaProps.companies.map((r: any) => r.id),
      [a, b]
    )
  })

  test('"all matching" applies the list filters', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const manager = await crmUser(org, 'all')
    const rep = await crmUser(org, 'own')
    const p1 = await insertCompany(org, { name: 'Prospecto Uno', type: 'prospecto' })
    const p2 = await insertCompany(org, { name: 'Prospecto Dos', type: 'prospecto' })
    const other = await insertCompany(org, { name: 'Cliente', type: 'cliente' })
    const response = await bulk(client, manager, 'companies', {
      action: 'owner',
      all: true,
      query: { type: 'prospecto' },
      params: { ownerId: rep.id },
    })
    response.assertStatus(200)
    assert.containsSubset(response.body(), { total: 2, changed: 2 })
    assert.deepEqual(await ownersOf([p1, p2, other]), {
      [p1]: rep.id,
      [p2]: rep.id,
      [other]: null,
    })
    // A malformed filter is refused rather than dropped (it would widen the selection).
    const bad = await bulk(client, manager, 'companies', {
      action: 'owner',
      all: true,
      query: { type: 'no-existe' },
      params: { ownerId: rep.id },
    })
    bad.assertStatus(422)
  })

  test('scope per row: rows the user may not edit are skipped and counted', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const other = await crmUser(org, 'own')
    const mine1 = await insertCompany(org, { owner_id: rep.id, type: 'cliente' })
    const mine2 = await insertCompany(org, { owner_id: rep.id, type: 'cliente' })
    const theirs = await insertCompany(org, { owner_id: other.id, type: 'cliente' })
    const response = await bulk(client, rep, 'companies', {
      action: 'field',
      ids: [mine1, mine2, theirs],
      params: { field: 'type', value: 'proveedor' },
    })
    response.assertStatus(200)
    assert.containsSubset(response.body(), { total: 3, changed: 2, skipped: { scope: 1 } })
    const types = await db.from('crm_companies').whereIn('id', [mine1, mine2, theirs]).orderBy('id')
    assert.deepEqual(
      types.map((r) => r.type),
      ['proveedor', 'proveedor', 'cliente']
    )
    // An owner she may not give records to is refused before any row changes.
    const refused = await bulk(client, rep, 'companies', {
      action: 'owner',
      ids: [mine1],
      params: { ownerId: other.id },
    })
    refused.assertStatus(422)
    assert.deepEqual(await ownersOf([mine1]), { [mine1]: rep.id })
    // A value outside the list is refused too.
    const value = await bulk(client, rep, 'companies', {
      action: 'field',
      ids: [mine1],
      params: { field: 'type', value: 'inventado' },
    })
    value.assertStatus(422)
  })

  test('the action needs its permission: edit for owner/field, delete for delete', async ({
    client,
  }) => {
    const org = await createOrganization(['crm'])
    const viewer = await crmUser(org, 'all', {}, ['view', 'export'])
    const editor = await crmUser(org, 'all', {}, ['view', 'edit'])
    const id = await insertCompany(org)
    ;(
      await bulk(client, viewer, 'companies', {
        action: 'owner',
        ids: [id],
        params: { ownerId: viewer.id },
      })
    ).assertStatus(403)
    ;(
      await bulk(client, viewer, 'contacts', {
        action: 'field',
        ids: [id],
        params: { field: 'position', value: 'x' },
      })
    ).assertStatus(403)
    ;(await bulk(client, editor, 'companies', { action: 'delete', ids: [id] })).assertStatus(403)
  })

  test('delete moves the rows to the bin, skipping those out of delete scope; they can be restored', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const other = await crmUser(org, 'own')
    const a = await insertCompany(org, { owner_id: rep.id, name: 'Borrar A' })
    const b = await insertCompany(org, { owner_id: rep.id, name: 'Borrar B' })
    const theirs = await insertCompany(org, { owner_id: other.id, name: 'Ajena' })
    const response = await bulk(client, rep, 'companies', { action: 'delete', ids: [a, b, theirs] })
    response.assertStatus(200)
    assert.containsSubset(response.body(), { changed: 2, skipped: { scope: 1 } })
    const list = await client.get('/crm/companies').loginAs(rep).withInertia()
    assert.deepEqual(list.inertiaProps.companies, [])
    const entries = await db
      .from('bin_entries')
      .where('organization_id', org.id)
      .orderBy('record_id')
    assert.deepEqual(
      entries.map((e) => Number(e.record_id)),
      [a, b]
    )
    const ajena = await db.from('crm_companies').where('id', theirs).first()
    assert.isNull(ajena.deleted_at)
    await client.post(`/bin/${entries[0].id}/restore`).loginAs(rep).withCsrfToken().withInertia()
    const back = await client.get('/crm/companies').loginAs(rep).withInertia()
    assert.deepEqual(
      back.inertiaProps.companies.map((r: any) => r.id),
      [a]
    )
  })

  test('export of a selection: only the selected rows the user may export', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const a = await insertCompany(org, { name: 'Exportada Uno' })
    const b = await insertCompany(org, { name: 'Exportada Dos' })
    await insertCompany(org, { name: 'No Seleccionada' })
    const csv = await client.get(`/crm/companies/bulk/export?ids=${a},${b}`).loginAs(user)
    csv.assertStatus(200)
    assert.include(csv.text(), 'Exportada Uno')
    assert.include(csv.text(), 'Exportada Dos')
    assert.notInclude(csv.text(), 'No Seleccionada')
    const xlsx = await client.get(`/crm/companies/bulk/export?format=xlsx&ids=${a}`).loginAs(user)
    xlsx.assertStatus(200)
    assert.include(String(xlsx.header('content-type')), 'spreadsheetml')
    const audit = await db
      .from('audit_logs')
      .where({ organization_id: org.id, action: 'export', field: 'rows' })
      .orderBy('id')
      .first()
    assert.equal(audit.new_value, '2')
    const noExport = await crmUser(org, 'all', {}, ['view', 'edit'])
    ;(await client.get(`/crm/companies/bulk/export?ids=${a}`).loginAs(noExport)).assertStatus(403)
  })

  test('over the threshold it runs as a job: progress polled, counts, a notification', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const manager = await crmUser(org, 'all')
    const rep = await crmUser(org, 'own')
    const rows = BULK_JOB_THRESHOLD + 50
    await insertCompanies(org, rows, (i) => ({ name: `Lote ${i}`, type: 'prospecto' }))
    await insertCompany(org, { name: 'Fuera', type: 'cliente' })
    const started = await bulk(client, manager, 'companies', {
      action: 'owner',
      all: true,
      query: { type: 'prospecto' },
      params: { ownerId: rep.id },
    })
    started.assertStatus(200)
    const { runId, status, total } = started.body()
    assert.equal(status, 'queued')
    assert.equal(total, rows)
    const queued = await client.get(`/bulk/runs/${runId}`).loginAs(manager)
    assert.containsSubset(queued.body(), { status: 'queued', done: 0, total: rows })
    // Another user cannot read it.
    ;(await client.get(`/bulk/runs/${runId}`).loginAs(rep)).assertStatus(404)
    await drainQueue()
    const done = await client.get(`/bulk/runs/${runId}`).loginAs(manager)
    assert.containsSubset(done.body(), { status: 'done', done: rows, total: rows, changed: rows })
    const owned = await db
      .from('crm_companies')
      .where({ organization_id: org.id, owner_id: rep.id })
      .count('* as n')
    assert.equal(Number(owned[0].n), rows)
    const notice = await db
      .from('notifications')
      .where({ user_id: manager.id, kind: 'kernel.bulk_finished' })
      .first()
    assert.exists(notice)
  })

  test('the cap is enforced', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const manager = await crmUser(org, 'all')
    const ids = Array.from({ length: BULK_CAP + 1 }, (_, i) => i + 1)
    ;(
      await bulk(client, manager, 'companies', {
        action: 'owner',
        ids,
        params: { ownerId: manager.id },
      })
    ).assertStatus(422)
    ;(
      await bulk(client, manager, 'companies', {
        action: 'owner',
        ids: [],
        params: { ownerId: manager.id },
      })
    ).assertStatus(422)
  })

  test('contacts: owner, position and company, with per-row scope', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const other = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: rep.id, name: 'Destino' })
    const mine = await insertContact(org, { owner_id: rep.id, first_name: 'Ana' })
    const boss = await insertContact(org, { owner_id: rep.id, first_name: 'Jefa' })
    const report = await insertContact(org, { owner_id: rep.id, reports_to_id: boss })
    const theirs = await insertContact(org, { owner_id: other.id })
    const position = await bulk(client, rep, 'contacts', {
      action: 'field',
      ids: [mine, theirs],
      params: { field: 'position', value: 'Compras' },
    })
    assert.containsSubset(position.body(), { changed: 1, skipped: { scope: 1 } })
    const moved = await bulk(client, rep, 'contacts', {
      action: 'field',
      ids: [mine, boss, report],
      params: { field: 'company', value: company },
    })
    // A contact in an org chart keeps its company (manager and reports share one).
    assert.containsSubset(moved.body(), { changed: 1, skipped: { org_chart: 2 } })
    const row = await db.from('crm_contacts').where('id', mine).first()
    assert.equal(row.position, 'Compras')
    assert.equal(Number(row.company_id), company)
    const timeline = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.contact', subject_id: mine, kind: 'updated' })
      .orderBy('id', 'desc')
      .first()
    assert.deepEqual(JSON.parse(timeline.data).changes, [
      { field: 'companyId', from: null, to: company },
    ])
    // A company she cannot see is refused.
    const hidden = await insertCompany(org, { owner_id: other.id })
    ;(
      await bulk(client, rep, 'contacts', {
        action: 'field',
        ids: [mine],
        params: { field: 'company', value: hidden },
      })
    ).assertStatus(422)
    const manager = await createUser(org, {
      permissions: crud('crm.contacts'),
      scopes: { 'crm.contacts': 'all' },
    })
    const owner = await bulk(client, manager, 'contacts', {
      action: 'owner',
      ids: [mine, theirs],
      params: { ownerId: other.id },
    })
    // Hers changes; the other rep's already had that owner.
    assert.containsSubset(owner.body(), { changed: 1, unchanged: 1 })
  })

  test('the list gives its bar the actions the user may take, the fields and the owners', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const manager = await crmUser(org, 'all', { fullName: 'Marta Jefa' })
    const viewer = await crmUser(org, 'all', {}, ['view', 'export'])
    const page = await client.get('/crm/companies').loginAs(manager).withInertia()
    const bulkProp = page.inertiaProps.bulk as any
    assert.deepEqual(bulkProp.actions, ['owner', 'field', 'tags', 'delete', 'export'])
    assert.deepEqual(
      bulkProp.fields.map((f: any) => f.key),
      ['type', 'industry']
    )
    assert.isTrue(bulkProp.fields[0].options.some((o: any) => o.value === 'cliente'))
    assert.include(
      bulkProp.owners.map((o: any) => o.label),
      'Marta Jefa'
    )
    assert.equal(bulkProp.endpoint, '/crm/companies/bulk')
    assert.equal(bulkProp.collection, 'crm.companies.collection')
    const limited = await client.get('/crm/contacts').loginAs(viewer).withInertia()
    assert.deepEqual((limited.inertiaProps.bulk as any).actions, ['export'])
  })

  test('custom fields (list, boolean, text) change in bulk, validated, audited by label', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const rep = await crmUser(org, 'own')
    const other = await crmUser(org, 'own')
    const actorOf = { organizationId: org.id, actorId: admin.id }
    const base = { required: false, showInList: true, active: true }
    await saveField(actorOf, 'crm.companies', {
      ...base,
      label: 'Nivel',
      type: 'list',
      choices: [
        { label: 'Oro', active: true },
        { label: 'Plata', active: true },
      ],
    })
    await saveField(actorOf, 'crm.companies', { ...base, label: 'VIP', type: 'boolean' })
    await saveField(actorOf, 'crm.companies', { ...base, label: 'Empleados', type: 'number' })
    const a = await insertCompany(org, { owner_id: rep.id })
    const b = await insertCompany(org, { owner_id: rep.id })
    const theirs = await insertCompany(org, { owner_id: other.id })
    const page = await client.get('/crm/companies').loginAs(rep).withInertia()
    const keys = (page.inertiaProps.bulk as any).fields.map((f: any) => f.key)
    assert.includeMembers(keys, ['cf.nivel', 'cf.vip'])
    assert.notInclude(keys, 'cf.empleados')
    const level = await bulk(client, rep, 'companies', {
      action: 'field',
      ids: [a, b, theirs],
      params: { field: 'cf.nivel', value: 'oro' },
    })
    assert.containsSubset(level.body(), { changed: 2, skipped: { scope: 1 } })
    const vip = await bulk(client, rep, 'companies', {
      action: 'field',
      ids: [a],
      params: { field: 'cf.vip', value: true },
    })
    assert.containsSubset(vip.body(), { changed: 1 })
    const values = await loadCustomValues(org.id, 'crm.companies', [a, b, theirs])
    assert.deepEqual(values.get(a), { nivel: 'oro', vip: true, empleados: null })
    assert.equal(values.get(b)!.nivel, 'oro')
    assert.isNull(values.get(theirs)!.nivel)
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.company', subject_id: a, field: 'cf.nivel' })
      .first()
    assert.equal(audit.new_value, 'Oro')
    ;(
      await bulk(client, rep, 'companies', {
        action: 'field',
        ids: [a],
        params: { field: 'cf.nivel', value: 'bronce' },
      })
    ).assertStatus(422)
    ;(
      await bulk(client, rep, 'companies', {
        action: 'field',
        ids: [a],
        params: { field: 'cf.empleados', value: '3' },
      })
    ).assertStatus(422)
  })
})
