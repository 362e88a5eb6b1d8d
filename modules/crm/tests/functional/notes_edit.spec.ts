import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { crmUser, insertCompany, insertContact } from '../helpers.js'
import { forgetGrants } from '#app/support/cache'

/** Posts a note as `user` and returns its timeline row id. */
async function addNote(client: any, user: any, path: string, body: string) {
  await client
    .post(`${path}/notes`)
    .json({ body })
    .loginAs(user)
    .withCsrfToken()
    .withInertia()
    .redirects(0)
  const row = await db
    .from('timeline_events')
    .where({ kind: 'note', actor_id: user.id })
    .orderBy('id', 'desc')
    .firstOrFail()
  return Number(row.id)
}

const noteRow = (id: number) => db.from('timeline_events').where('id', id).first()

test.group('Notes: edit and delete', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the author edits a note: new text, marked as edited, old and new text in the audit log', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: user.id })
    const note = await addNote(client, user, `/crm/companies/${company}`, 'Llamar el lunes')
    const response = await client
      .put(`/crm/companies/${company}/notes/${note}`)
      .json({ body: 'Llamar el martes' })
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(303)
    response.assertHeader('location', `/crm/companies/${company}?tab=history`)
    response.assertFlashMessage('success', 'Nota guardada.')
    const data = JSON.parse((await noteRow(note)).data)
    assert.equal(data.body, 'Llamar el martes')
    assert.equal(data.editedBy, user.id)
    assert.isString(data.editedAt)
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.company', subject_id: company, field: 'note' })
    assert.deepEqual(
      audit.map((a) => [a.action, a.old_value, a.new_value, Number(a.actor_id)]),
      [['update', 'Llamar el lunes', 'Llamar el martes', user.id]]
    )

    const show = await client.get(`/crm/companies/${company}`).loginAs(user).withInertia()
    const entry = show.inertiaProps.timeline.entries.find((e: any) => e.id === note)
    assert.isTrue(entry.editable)
    assert.equal(entry.data.body, 'Llamar el martes')
  })

  test('the author deletes a note of a contact: gone, the timeline says who removed one, the audit keeps it', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own')
    const contact = await insertContact(org, { owner_id: user.id })
    const note = await addNote(client, user, `/crm/contacts/${contact}`, 'Prefiere correo')
    const response = await client
      .delete(`/crm/contacts/${contact}/notes/${note}`)
      .loginAs(user)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    response.assertStatus(303)
    response.assertFlashMessage('success', 'Nota eliminada.')
    assert.isNull(await noteRow(note))
    const entries = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.contact', subject_id: contact })
      .select('kind', 'actor_id', 'data')
    assert.deepEqual(
      entries.map((e) => [e.kind, Number(e.actor_id)]),
      [['note_deleted', user.id]]
    )
    assert.notInclude(entries[0].data, 'Prefiere', 'the timeline does not keep the removed text')
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'crm.contact', subject_id: contact, field: 'note' })
      .first()
    assert.deepInclude(audit, { action: 'update', old_value: 'Prefiere correo', new_value: null })
  })

  test("someone else's note cannot be changed (403); an administrator may", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const author = await crmUser(org, 'all')
    const colleague = await crmUser(org, 'all')
    const admin = await createUser(org, { isAdmin: true })
    const company = await insertCompany(org, { owner_id: author.id })
    const note = await addNote(client, author, `/crm/companies/${company}`, 'Original')

    const show = await client.get(`/crm/companies/${company}`).loginAs(colleague).withInertia()
    assert.isUndefined(
      show.inertiaProps.timeline.entries.find((e: any) => e.id === note).editable,
      'no edit buttons for others'
    )
    const put = await client
      .put(`/crm/companies/${company}/notes/${note}`)
      .json({ body: 'Cambiada' })
      .loginAs(colleague)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    put.assertStatus(403)
    const del = await client
      .delete(`/crm/companies/${company}/notes/${note}`)
      .loginAs(colleague)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    del.assertStatus(403)
    assert.equal(JSON.parse((await noteRow(note)).data).body, 'Original')

    const asAdmin = await client.get(`/crm/companies/${company}`).loginAs(admin).withInertia()
    assert.isTrue(asAdmin.inertiaProps.timeline.entries.find((e: any) => e.id === note).editable)
    const moderated = await client
      .put(`/crm/companies/${company}/notes/${note}`)
      .json({ body: 'Moderada' })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    moderated.assertStatus(303)
    assert.equal(JSON.parse((await noteRow(note)).data).body, 'Moderada')
    const removed = await client
      .delete(`/crm/companies/${company}/notes/${note}`)
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    removed.assertStatus(303)
    assert.isNull(await noteRow(note))
  })

  test('scope: a record out of scope is 404; a note of another record or a non-note entry is 404', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const author = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: author.id })
    const other = await insertCompany(org, { owner_id: author.id })
    const note = await addNote(client, author, `/crm/companies/${company}`, 'Mía')

    // The author lost the record (reassigned): their note on it is out of reach too.
    const colleague = await crmUser(org, 'own')
    await db.from('crm_companies').where('id', company).update({ owner_id: colleague.id })
    const hidden = await client
      .put(`/crm/companies/${company}/notes/${note}`)
      .json({ body: 'x' })
      .loginAs(author)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    hidden.assertStatus(404)
    await db.from('crm_companies').where('id', company).update({ owner_id: author.id })

    const elsewhere = await client
      .delete(`/crm/companies/${other}/notes/${note}`)
      .loginAs(author)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    elsewhere.assertStatus(404)
    await db.table('timeline_events').insert({
      organization_id: org.id,
      subject_type: 'crm.company',
      subject_id: company,
      kind: 'updated',
      actor_id: author.id,
      data: '{}',
      created_at: new Date(),
    })
    const updated = await db
      .from('timeline_events')
      .where({ subject_type: 'crm.company', subject_id: company, kind: 'updated' })
      .firstOrFail()
    const wrongKind = await client
      .put(`/crm/companies/${company}/notes/${updated.id}`)
      .json({ body: 'x' })
      .loginAs(author)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    wrongKind.assertStatus(404)
    assert.equal(JSON.parse((await noteRow(note)).data).body, 'Mía')
  })

  test('editing needs the edit permission and a non-empty text', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const author = await crmUser(org, 'all')
    const company = await insertCompany(org, { owner_id: author.id })
    const note = await addNote(client, author, `/crm/companies/${company}`, 'Texto')
    const empty = await client
      .put(`/crm/companies/${company}/notes/${note}`)
      .json({ body: '  ' })
      .loginAs(author)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    empty.assertStatus(303)
    assert.equal(JSON.parse((await noteRow(note)).data).body, 'Texto')
    // The same person, now with view-only rights.
    await db
      .from('role_permissions')
      .whereIn('role_id', db.from('user_roles').where('user_id', author.id).select('role_id'))
      .whereIn('permission', ['crm.companies.edit'])
      .delete()
    await forgetGrants() // written to the table directly, not through the roles page
    const readOnly = await client
      .put(`/crm/companies/${company}/notes/${note}`)
      .json({ body: 'Otro' })
      .loginAs(author)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    readOnly.assertStatus(403)
  })
})
