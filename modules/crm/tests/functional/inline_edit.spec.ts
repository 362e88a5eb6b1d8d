import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { saveField } from '#app/custom_fields/admin'
import { timeline } from '#app/history/timeline'
import { dbTimestamp } from '#app/support/dates'
import { adminWorld, write } from '#tests/functional/admin/_helpers'
import { crmUser, insertCompany, insertContact } from '../helpers.js'
import { RELATED_CONTACTS_MAX } from '../../support/timeline_reader.js'

/** PATCH of one field, as the record page's inline editor sends it. */
function patchField(client: any, user: any, companyId: number, body: Record<string, unknown>) {
  return client
    .patch(`/crm/companies/${companyId}/field`)
    .json(body)
    .header('accept', 'application/json')
    .loginAs(user)
    .withCsrfToken()
}

const companyRow = (id: number) => db.from('crm_companies').where('id', id).first()

test.group('Inline editing: one field of a company', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a valid change is saved with its audit entry and timeline entry', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: user.id, industry: 'otros' })
    const response = await patchField(client, user, company, {
      field: 'industry',
      value: 'tecnologia',
    })
    response.assertStatus(200)
    response.assertBodyContains({ field: 'industry', value: 'tecnologia' })
    const row = await companyRow(company)
    assert.equal(row.industry, 'tecnologia')
    // Nothing else moved: the other columns are as they were.
    assert.equal(row.type, 'cliente')
    assert.equal(Number(row.owner_id), user.id)
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.company', subject_id: company, action: 'update' })
    assert.deepEqual(
      audit.map((a) => [a.field, a.old_value, a.new_value]),
      [['industry', 'otros', 'tecnologia']]
    )
    const entries = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: company, kind: 'updated' })
    assert.lengthOf(entries, 1)
    assert.deepEqual(JSON.parse(entries[0].data).changes, [
      { field: 'industry', from: 'otros', to: 'tecnologia' },
    ])
  })

  test('an invalid value answers 422 with the form message and saves nothing', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: user.id, nif: 'B12345674' })
    const response = await patchField(client, user, company, { field: 'nif', value: 'B1234' })
    response.assertStatus(422)
    const errors = response.body().errors
    assert.equal(errors[0].field, 'nif')
    assert.equal(
      errors[0].message,
      'El NIF/CIF no es válido: revise la letra o el dígito de control'
    )
    assert.equal((await companyRow(company)).nif, 'B12345674')
    const audit = await db.from('audit_logs').where({ subject_id: company, action: 'update' })
    assert.lengthOf(audit, 0)

    const sector = await patchField(client, user, company, { field: 'industry', value: 'nada' })
    sector.assertStatus(422)
    assert.equal(sector.body().errors[0].field, 'industry')
  })

  test('a name another rule refuses (NIF already used) answers 422 under the field', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    await insertCompany(org, { nif: 'B12345674' })
    const company = await insertCompany(org, {})
    const response = await patchField(client, user, company, { field: 'nif', value: 'B12345674' })
    response.assertStatus(422)
    assert.equal(response.body().errors[0].field, 'nif')
    assert.equal(
      response.body().errors[0].message,
      'Ya hay una empresa con este NIF/CIF en su organización.'
    )
    assert.isNull((await companyRow(company)).nif)
  })

  test('an unknown field, or one the inline editor does not edit, answers 422', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: user.id })
    for (const field of ['organizationId', 'phones', 'cf.nada', '']) {
      const response = await patchField(client, user, company, { field, value: 'x' })
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'field')
    }
  })

  test('out of scope → 404; without the edit permission → 403', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const owner = await crmUser(org, 'own')
    const other = await crmUser(org, 'own')
    const reader = await crmUser(org, 'all', {}, ['view'])
    const company = await insertCompany(org, { owner_id: owner.id, industry: 'otros' })
    const hidden = await patchField(client, other, company, {
      field: 'industry',
      value: 'tecnologia',
    })
    hidden.assertStatus(404)
    const forbidden = await patchField(client, reader, company, {
      field: 'industry',
      value: 'tecnologia',
    })
    forbidden.assertStatus(403)
    assert.equal((await companyRow(company)).industry, 'otros')
  })

  test('an emptied optional field is cleared; the owner changes to an assignable user', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const colleague = await crmUser(org, 'all')
    const company = await insertCompany(org, { legal_name: 'Antigua S.L.' })
    ;(await patchField(client, user, company, { field: 'legalName', value: '  ' })).assertStatus(
      200
    )
    assert.isNull((await companyRow(company)).legal_name)
    ;(
      await patchField(client, user, company, { field: 'ownerId', value: String(colleague.id) })
    ).assertStatus(200)
    assert.equal(Number((await companyRow(company)).owner_id), colleague.id)
  })
})

test.group('Inline editing: lost updates and undo', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only the edited field is written: a column changed after the page loaded stays', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const ana = await crmUser(org, 'all')
    const bea = await crmUser(org, 'all')
    const company = await insertCompany(org, { owner_id: ana.id, industry: 'otros' })
    // Ana saves while a bulk change gives the company to Bea and a sector: it commits just
    // before her save's transaction starts (the last moment another writer can get in: the
    // save reads the row inside its transaction, locked).
    const transaction = db.transaction
    db.transaction = (async (...args: any[]) => {
      db.transaction = transaction
      await db
        .from('crm_companies')
        .where('id', company)
        .update({ owner_id: bea.id, industry: 'tecnologia' })
      return (transaction as any).apply(db, args)
    }) as any
    let response
    try {
      response = await patchField(client, ana, company, {
        field: 'description',
        value: 'Nueva descripción',
      })
    } finally {
      db.transaction = transaction
    }
    response.assertStatus(200)
    const row = await companyRow(company)
    assert.equal(row.description, 'Nueva descripción')
    assert.equal(Number(row.owner_id), bea.id)
    assert.equal(row.industry, 'tecnologia')
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.company', subject_id: company, action: 'update' })
    assert.deepEqual(
      audit.map((a) => a.field),
      ['description']
    )
  })

  test('undo restores a deactivated type; after another change it answers 409', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const rep = await crmUser(org, 'all')
    const company = await insertCompany(org, { type: 'proveedor' })
    const page = await client
      .get('/admin/settings/lists?list=crm.company_types')
      .loginAs(admin)
      .withInertia()
    const values = (page.inertiaProps.values as any[]).map((v) =>
      v.code === 'proveedor' ? { ...v, active: false } : v
    )
    await write(client.put('/admin/settings/lists/crm.company_types'), admin, { values })
    // A new value of a deactivated type is refused, as in the form.
    const other = await insertCompany(org, { type: 'cliente' })
    ;(await patchField(client, rep, other, { field: 'type', value: 'proveedor' })).assertStatus(422)

    const saved = await patchField(client, rep, company, { field: 'type', value: 'cliente' })
    saved.assertStatus(200)
    const token = saved.body().undo
    assert.isString(token)
    assert.equal((await companyRow(company)).type, 'cliente')
    // Undo: the previous (now inactive) type comes back.
    const undo = await patchField(client, rep, company, {
      field: 'type',
      value: 'proveedor',
      undo: true,
      expected: 'cliente',
      token,
    })
    undo.assertStatus(200)
    assert.equal((await companyRow(company)).type, 'proveedor')
    // A forged or mismatched undo gets nothing.
    const forged = await patchField(client, rep, other, {
      field: 'type',
      value: 'proveedor',
      undo: true,
      expected: 'cliente',
      token,
    })
    forged.assertStatus(409)
    assert.equal((await companyRow(other)).type, 'cliente')

    // The record changed after the edit: the undo no longer applies.
    const again = await patchField(client, rep, company, { field: 'type', value: 'cliente' })
    again.assertStatus(200)
    await db.from('crm_companies').where('id', company).update({ type: 'prospecto' })
    const late = await patchField(client, rep, company, {
      field: 'type',
      value: 'proveedor',
      undo: true,
      expected: 'cliente',
      token: again.body().undo,
    })
    late.assertStatus(409)
    assert.equal(
      late.body().errors[0].message,
      'Este campo ha cambiado desde tu edición: ya no se puede deshacer.'
    )
    assert.equal((await companyRow(company)).type, 'prospecto')
  })

  test('undo puts back an owner the user may not assign', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const outsider = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: outsider.id })
    const admin = await crmUser(org, 'all')
    const saved = await patchField(client, admin, company, {
      field: 'ownerId',
      value: String(admin.id),
    })
    saved.assertStatus(200)
    assert.equal(Number((await companyRow(company)).owner_id), admin.id)
    // Meanwhile the outsider left the assignable owners: deactivated.
    await db.from('users').where('id', outsider.id).update({ is_active: false })
    const fresh = await patchField(client, admin, company, {
      field: 'ownerId',
      value: String(outsider.id),
    })
    fresh.assertStatus(422)
    const undo = await patchField(client, admin, company, {
      field: 'ownerId',
      value: String(outsider.id),
      undo: true,
      expected: saved.body().value,
      token: saved.body().undo,
    })
    undo.assertStatus(200)
    assert.equal(Number((await companyRow(company)).owner_id), outsider.id)
  })
})

test.group('Company timeline: its contacts and the kind filter', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("a company's timeline shows its contacts' notes, labelled with the contact", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, {})
    const contact = await insertContact(org, {
      company_id: company,
      first_name: 'Lucía',
      last_name: 'Pardo',
    })
    const elsewhere = await insertContact(org, { first_name: 'Otro' })
    for (const path of [`/crm/contacts/${contact}`, `/crm/contacts/${elsewhere}`]) {
      await client
        .post(`${path}/notes`)
        .json({ body: `Nota de ${path}` })
        .loginAs(user)
        .withCsrfToken()
        .withInertia()
        .redirects(0)
    }
    const show = await client.get(`/crm/companies/${company}`).loginAs(user).withInertia()
    const entries = show.inertiaProps.timeline.entries
    const notes = entries.filter((e: any) => e.kind === 'note')
    assert.lengthOf(notes, 1)
    assert.equal(notes[0].data.body, `Nota de /crm/contacts/${contact}`)
    assert.deepEqual(notes[0].about, { name: 'Lucía Pardo', href: `/crm/contacts/${contact}` })
    // Changed on the contact's page, not through the company's routes.
    assert.notProperty(notes[0], 'editable')
    assert.includeMembers(
      show.inertiaProps.timelineFilters.map((f: any) => f.key),
      ['notes', 'changes', 'documents']
    )
  })

  test("a contact the reader may not see keeps its entries off the company's timeline", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const owner = await crmUser(org, 'all')
    const rep = await createRep(org)
    const company = await insertCompany(org, { owner_id: null })
    const contact = await insertContact(org, { company_id: company, owner_id: owner.id })
    await client
      .post(`/crm/contacts/${contact}/notes`)
      .json({ body: 'Privada' })
      .loginAs(owner)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    const show = await client.get(`/crm/companies/${company}`).loginAs(rep).withInertia()
    show.assertStatus(200)
    assert.isUndefined(show.inertiaProps.timeline.entries.find((e: any) => e.kind === 'note'))
  })

  test("a company with more contacts than the bound shows its newest contacts' entries", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, {})
    const oldest = await insertContact(org, { company_id: company, first_name: 'Primera' })
    const now = dbTimestamp()
    await db.table('crm_contacts').multiInsert(
      Array.from({ length: RELATED_CONTACTS_MAX }, (_, i) => ({
        organization_id: org.id,
        company_id: company,
        first_name: `Persona ${i}`,
        last_name: 'Prueba',
        name_normalized: `persona ${i} prueba`,
        last_name_normalized: 'prueba',
        created_at: now,
        updated_at: now,
      }))
    )
    const newest = Number((await db.from('crm_contacts').max('id as id').first()).id)
    for (const subjectId of [oldest, newest]) {
      await timeline.record({
        organizationId: org.id,
        subjectType: 'crm.contact',
        subjectId,
        kind: 'note',
        actorId: null,
        data: { body: `Nota ${subjectId}` },
      })
    }
    const show = await client.get(`/crm/companies/${company}`).loginAs(user).withInertia()
    const notes = show.inertiaProps.timeline.entries.filter((e: any) => e.kind === 'note')
    assert.deepEqual(
      notes.map((e: any) => e.data.body),
      [`Nota ${newest}`]
    )
  })

  test('the kind filter returns only the chosen kinds', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const company = await insertCompany(org, { industry: 'otros' })
    await client
      .post(`/crm/companies/${company}/notes`)
      .json({ body: 'Una nota' })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    ;(await patchField(client, user, company, { field: 'industry', value: 'salud' })).assertStatus(
      200
    )
    const read = async (kind: string) => {
      const response = await client
        .get(`/crm/companies/${company}/timeline?kind=${kind}`)
        .header('accept', 'application/json')
        .loginAs(user)
      response.assertStatus(200)
      return response.body().entries.map((e: any) => e.kind)
    }
    assert.deepEqual(await read('notes'), ['note'])
    assert.deepEqual(await read('changes'), ['updated'])
    assert.deepEqual(await read('documents'), [])
    assert.sameMembers(await read(''), ['note', 'updated'])
  })
})

/** A rep who sees companies of nobody (own + unowned) but only her own contacts. */
async function createRep(org: any) {
  const { createUser, crud } = await import('#tests/helpers/world')
  return createUser(org, {
    permissions: [...crud('crm.companies'), ...crud('crm.contacts')],
    scopes: { 'crm.companies': 'all', 'crm.contacts': 'own' },
  })
}

test.group('Inline editing: one field of a contact', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a change is saved with audit and timeline; company and manager stay', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: user.id })
    const contact = await insertContact(org, { owner_id: user.id, company_id: company })
    const response = await client
      .patch(`/crm/contacts/${contact}/field`)
      .json({ field: 'position', value: 'Gerente' })
      .header('accept', 'application/json')
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(200)
    const row = await db.from('crm_contacts').where('id', contact).first()
    assert.equal(row.position, 'Gerente')
    assert.equal(Number(row.company_id), company)
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.contact', subject_id: contact, action: 'update' })
    assert.deepEqual(
      audit.map((a) => [a.field, a.new_value]),
      [['position', 'Gerente']]
    )
    const entry = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.contact', subject_id: contact, kind: 'updated' })
      .firstOrFail()
    assert.deepEqual(JSON.parse(entry.data).changes, [
      { field: 'position', from: null, to: 'Gerente' },
    ])
  })

  test('an empty first name answers 422; another rep gets 404; the company field is refused', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const other = await crmUser(org, 'own')
    const contact = await insertContact(org, { owner_id: user.id, first_name: 'Ana' })
    const send = (who: any, body: Record<string, unknown>) =>
      client
        .patch(`/crm/contacts/${contact}/field`)
        .json(body)
        .header('accept', 'application/json')
        .loginAs(who)
        .withCsrfToken()
    const empty = await send(user, { field: 'firstName', value: '' })
    empty.assertStatus(422)
    assert.equal(empty.body().errors[0].field, 'firstName')
    ;(await send(other, { field: 'position', value: 'x' })).assertStatus(404)
    const company = await send(user, { field: 'companyId', value: 1 })
    company.assertStatus(422)
    assert.equal(company.body().errors[0].field, 'field')
    assert.equal((await db.from('crm_contacts').where('id', contact).first()).first_name, 'Ana')
  })
})

test.group('Inline editing: a custom field', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('cf.<key> is checked like the form and saved with audit; a refusal is 422', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['crm'])
    const user = await crmUser(org, 'all')
    const actor = { organizationId: org.id, actorId: admin.id }
    const field = { required: true, showInList: true, active: true }
    await saveField(actor, 'crm.companies', { ...field, label: 'Empleados', type: 'number' })
    const company = await insertCompany(org, {})
    const ok = await patchField(client, user, company, { field: 'cf.empleados', value: '42' })
    ok.assertStatus(200)
    const stored = await db
      .from('custom_field_values as v')
      .join('custom_fields as f', 'f.id', 'v.field_id')
      .where('f.key', 'empleados')
      .where('v.record_id', company)
      .select('v.value_number')
    assert.deepEqual(
      stored.map((r) => Number(r.value_number)),
      [42]
    )
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.company', subject_id: company, action: 'update' })
    assert.deepEqual(
      audit.map((a) => a.field),
      ['cf.empleados']
    )
    const empty = await patchField(client, user, company, { field: 'cf.empleados', value: '' })
    empty.assertStatus(422)
    assert.deepEqual(empty.body().errors[0], {
      field: 'cf.empleados',
      rule: 'inline',
      message: 'El campo Empleados es obligatorio',
    })
  })
})
