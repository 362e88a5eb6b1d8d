import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { saveField } from '#app/custom_fields/admin'
import { loadRecordValues } from '#app/custom_fields/values'
import { ensureTags } from '#app/tags/tags'
import { startImport } from '#app/import/start'
import { previewImport } from '#app/import/preview'
import { commitImport } from '#app/import/commit'
import { adminWorld } from '#tests/functional/admin/_helpers'
import { insertLead, leadPayload, leadsUser } from '../leads_helpers.js'

const LEADS = 'crm.leads'
let dir = ''

const bulk = (client: any, user: any, body: Record<string, unknown>) =>
  client.post('/crm/leads/bulk').json(body).accept('json').loginAs(user).withCsrfToken()

const patchField = (client: any, user: any, id: number, body: Record<string, unknown>) =>
  client
    .patch(`/crm/leads/${id}/field`)
    .json(body)
    .header('accept', 'application/json')
    .loginAs(user)
    .withCsrfToken()

const lead = (id: number) => db.from('crm_leads').where('id', id).first()

/** An organization with CRM, its administrator, and a list field "Nivel" on leads. */
async function world() {
  const { org, admin } = await adminWorld(['crm'])
  await saveField({ organizationId: org.id, actorId: admin.id }, LEADS, {
    label: 'Nivel',
    type: 'list',
    required: false,
    showInList: true,
    active: true,
    choices: [
      { label: 'Oro', active: true },
      { label: 'Plata', active: true },
    ],
  } as any)
  return { org, admin }
}

test.group('Leads: custom fields, bulk actions and inline editing', (group) => {
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cartera-leadsplus-'))
    return () => rm(dir, { recursive: true, force: true })
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('custom fields: form, page, list column and filter, export and import back', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await world()
    const created = await client
      .post('/crm/leads')
      .json({ ...leadPayload({ title: 'Con nivel' }), customFields: { nivel: 'oro' } })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    created.assertStatus(302)
    const row = await db
      .from('crm_leads')
      .where({ organization_id: org.id, title: 'Con nivel' })
      .first()
    assert.deepEqual(await loadRecordValues(org.id, LEADS, Number(row.id)), { nivel: 'oro' })
    const plain = await insertLead(org, { title: 'Sin nivel', email: 'otro@example.com' })

    // A refused value is a translated error under the field; nothing is written.
    const bad = await client
      .put(`/crm/leads/${plain}`)
      .json({ ...leadPayload({ title: 'Sin nivel' }), customFields: { nivel: 'bronce' } })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    assert.oneOf(bad.status(), [302, 303])
    assert.deepEqual(await loadRecordValues(org.id, LEADS, plain), { nivel: null })

    const form = await client.get(`/crm/leads/${row.id}/edit`).loginAs(admin).withInertia()
    assert.deepEqual((form.inertiaProps as any).customValues, { nivel: 'oro' })
    const page = await client.get(`/crm/leads/${row.id}`).loginAs(admin).withInertia()
    assert.containsSubset((page.inertiaProps as any).customFields, [{ key: 'nivel', text: 'Oro' }])

    const list = await client.get('/crm/leads?cf_nivel=oro').loginAs(admin).withInertia()
    const props = list.inertiaProps as any
    assert.deepEqual(
      props.leads.map((l: any) => l.id),
      [Number(row.id)]
    )
    assert.equal(props.leads[0].custom.nivel, 'oro')
    assert.containsSubset(props.customColumns, [{ key: 'nivel', label: 'Nivel' }])

    const csv = await client.get('/crm/leads/export').loginAs(admin)
    csv.assertStatus(200)
    const lines = csv
      .text()
      .replace(/^\uFEFF/, '')
      .split('\r\n')
    assert.equal(lines[0].split(';').at(-1), 'Nivel')
    assert.equal(
      lines
        .find((l) => l.startsWith('Con nivel'))!
        .split(';')
        .at(-1),
      'Oro'
    )

    // Import back: the column maps to the field by its label and the value comes back.
    await db.from('custom_field_values').where('organization_id', org.id).delete()
    await db.from('crm_lead_assignments').where('organization_id', org.id).delete()
    await db.from('crm_leads').where('organization_id', org.id).delete()
    const path = join(dir, 'iniciativas.csv')
    await writeFile(path, csv.text())
    const started = await startImport({
      organizationId: org.id,
      userId: admin.id,
      resource: LEADS,
      path,
      fileName: 'iniciativas.csv',
    })
    assert.include(started.mapping, 'cf.nivel')
    const preview = await previewImport(started.id)
    assert.equal(preview.totals.rejected, 0)
    await commitImport(started.id)
    const back = await db
      .from('crm_leads')
      .where({ organization_id: org.id, title: 'Con nivel' })
      .first()
    assert.deepEqual(await loadRecordValues(org.id, LEADS, Number(back.id)), { nivel: 'oro' })
  })

  test('bulk owner: a manual assignment with audit and timeline per lead', async ({
    client,
    assert,
  }) => {
    const { org } = await world()
    const manager = await leadsUser(org, 'all')
    const rep = await leadsUser(org, 'own', { fullName: 'Rosa Repre' })
    const a = await insertLead(org, { title: 'Uno' })
    const b = await insertLead(org, { title: 'Dos' })
    const c = await insertLead(org, { title: 'Tres' })
    const response = await bulk(client, manager, {
      action: 'owner',
      ids: [a, b],
      params: { ownerId: rep.id },
    })
    response.assertStatus(200)
    assert.containsSubset(response.body(), { status: 'done', total: 2, changed: 2 })
    assert.equal(Number((await lead(a)).owner_id), rep.id)
    assert.equal(Number((await lead(b)).owner_id), rep.id)
    assert.isNull((await lead(c)).owner_id)
    const assignments = await db.from('crm_lead_assignments').whereIn('lead_id', [a, b, c])
    assert.sameDeepMembers(
      assignments.map((r) => [Number(r.lead_id), Number(r.user_id), JSON.parse(r.reason).key]),
      [
        [a, rep.id, 'crm.leads.assignment_manual'],
        [b, rep.id, 'crm.leads.assignment_manual'],
      ]
    )
    const audits = await db
      .from('audit_logs')
      .where({ organization_id: org.id, subject_type: 'crm.lead', field: 'owner' })
    assert.sameDeepMembers(
      audits.map((r) => [Number(r.subject_id), r.new_value]),
      [
        [a, 'Rosa Repre'],
        [b, 'Rosa Repre'],
      ]
    )
    // The lead page's panel says it was assigned by hand.
    const page = await client.get(`/crm/leads/${a}`).loginAs(manager).withInertia()
    assert.equal((page.inertiaProps as any).assignment.reason.key, 'crm.leads.assignment_manual')
  })

  test("a rep's bulk tags, status and delete never touch a lead they cannot see", async ({
    client,
    assert,
  }) => {
    const { org } = await world()
    const rep = await leadsUser(org, 'own')
    const other = await leadsUser(org, 'own')
    const mine = await insertLead(org, { title: 'Mía' }, { owner_id: rep.id })
    const closed = await insertLead(
      org,
      { title: 'Convertida' },
      { owner_id: rep.id, status: 'converted' }
    )
    const hidden = await insertLead(org, { title: 'Ajena' }, { owner_id: other.id })
    const [hot] = await ensureTags(org.id, ['Caliente'])

    const tags = await bulk(client, rep, {
      action: 'tags',
      ids: [mine, hidden],
      params: { add: [hot.id] },
    })
    tags.assertStatus(200)
    const tagged = await db.from('taggings').where({ resource: LEADS, tag_id: hot.id })
    assert.deepEqual(
      tagged.map((t) => Number(t.record_id)),
      [mine]
    )

    const status = await bulk(client, rep, {
      action: 'field',
      ids: [mine, closed, hidden],
      params: { field: 'status', value: 'working' },
    })
    status.assertStatus(200)
    assert.containsSubset(status.body(), {
      changed: 1,
      skipped: { scope: 1, closed_lead: 1 },
    })
    assert.equal((await lead(mine)).status, 'working')
    assert.equal((await lead(closed)).status, 'converted')
    assert.equal((await lead(hidden)).status, 'new')

    const converted = await bulk(client, rep, {
      action: 'field',
      ids: [mine],
      params: { field: 'status', value: 'converted' },
    })
    converted.assertStatus(422)
    assert.include(converted.body().message, 'Nueva')

    const removed = await bulk(client, rep, { action: 'delete', ids: [mine, hidden] })
    removed.assertStatus(200)
    assert.isNotNull((await lead(mine)).deleted_at)
    assert.isNull((await lead(hidden)).deleted_at)
    assert.lengthOf(await db.from('bin_entries').where({ resource: LEADS, record_id: mine }), 1)

    // The export of a selection holds only what the user may export.
    const manager = await leadsUser(org, 'all')
    const exported = await client
      .get(`/crm/leads/bulk/export?ids=${closed},${hidden}`)
      .loginAs(manager)
    exported.assertStatus(200)
    const body = exported.text()
    assert.include(body, 'Convertida')
    assert.include(body, 'Ajena')
    assert.notInclude(body, 'Mía')
  })

  test('inline edit: status, source and owner saved; refusals are translated 422s', async ({
    client,
    assert,
  }) => {
    const { org } = await world()
    const rep = await leadsUser(org, 'own')
    const other = await leadsUser(org, 'own')
    const mine = await insertLead(org, { title: 'Mía', source: 'web' }, { owner_id: rep.id })
    const closed = await insertLead(
      org,
      { title: 'Descartada' },
      { owner_id: rep.id, status: 'disqualified' }
    )
    const hidden = await insertLead(org, { title: 'Ajena' }, { owner_id: other.id })

    const ok = await patchField(client, rep, mine, { field: 'status', value: 'working' })
    ok.assertStatus(200)
    assert.equal((await lead(mine)).status, 'working')
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.lead', subject_id: mine, field: 'status' })
      .first()
    assert.equal(audit.new_value, 'working')
    ;(await patchField(client, rep, mine, { field: 'source', value: 'feria' })).assertStatus(200)
    assert.equal((await lead(mine)).source, 'feria')

    const toConverted = await patchField(client, rep, mine, { field: 'status', value: 'converted' })
    toConverted.assertStatus(422)
    assert.equal(toConverted.body().errors[0].field, 'status')
    assert.notInclude(toConverted.body().errors[0].message, 'enum')

    const closedLead = await patchField(client, rep, closed, { field: 'status', value: 'new' })
    closedLead.assertStatus(422)
    assert.equal(
      closedLead.body().errors[0].message,
      'Esta iniciativa está cerrada: reábrala desde su ficha para cambiar su estado.'
    )
    assert.equal((await lead(closed)).status, 'disqualified')

    const badSource = await patchField(client, rep, mine, { field: 'source', value: 'paloma' })
    badSource.assertStatus(422)
    assert.equal(badSource.body().errors[0].field, 'source')
    assert.notInclude(badSource.body().errors[0].message, 'crm.')
    assert.equal((await lead(mine)).source, 'feria')

    // An owner a rep may not assign, and a lead they cannot see.
    const owner = await patchField(client, rep, mine, { field: 'ownerId', value: other.id })
    owner.assertStatus(422)
    assert.equal(Number((await lead(mine)).owner_id), rep.id)
    ;(await patchField(client, rep, hidden, { field: 'status', value: 'working' })).assertStatus(
      404
    )
    assert.equal((await lead(hidden)).status, 'new')
  })
})
