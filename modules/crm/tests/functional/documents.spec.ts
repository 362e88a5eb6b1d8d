import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { reloadShieldConfig } from '#middleware/shield_middleware'
import drive from '@adonisjs/drive/services/main'
import documentsConfig from '#config/documents'
import { purgeDocument, restoreDocument } from '#app/documents/bin'
import { purgeExpired } from '#app/bin/purge_expired'
import { dbTimestamp } from '#app/support/dates'
import { createOrganization, createUser } from '#tests/helpers/world'
import { crmUser, insertCompany, insertContact } from '../helpers.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
)
const CSV = Buffer.from('nombre;nif\nTalleres Gómez;B12345674\n')

/** Uploads one file to a record's documents as `user` (JSON, as the page does). */
function upload(client: any, user: any, path: string, content: Buffer, filename: string) {
  return client
    .post(`/documents/${path}`)
    .loginAs(user)
    .withCsrfToken()
    .header('accept', 'application/json')
    .file('file', content, { filename })
}

const rowsOf = (recordId: number, resource = 'crm.companies') =>
  db.from('documents').where({ record_id: recordId, resource }).orderBy('id').select('*')

/** The kinds of a record's timeline entries, oldest first. */
const kinds = async (subjectType: string, subjectId: number) =>
  (
    await db
      .from('timeline_events')
      .where({ subject_type: subjectType, subject_id: subjectId })
      .orderBy('id')
      .select('kind')
  ).map((r) => r.kind)

/** Sets the documents limits for one test. */
function limits(values: Partial<typeof documentsConfig>) {
  const saved = { ...documentsConfig }
  Object.assign(documentsConfig, values)
  return () => {
    Object.assign(documentsConfig, saved)
  }
}

test.group('Documents on CRM records', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('several files upload to a company, typed from their bytes, and show on its page and timeline', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own', { fullName: 'Ana Rep' })
    const company = await insertCompany(org, { owner_id: rep.id })
    const files: [Buffer, string, string][] = [
      [PDF, 'oferta.pdf', 'application/pdf'],
      [PNG, 'logo sin extensión', 'image/png'],
      [CSV, 'clientes.csv', 'text/csv'],
    ]
    for (const [content, name] of files) {
      const response = await upload(client, rep, `crm.companies/${company}`, content, name)
      response.assertStatus(201)
      assert.equal(response.body().document.name, name)
    }
    const rows = await rowsOf(company)
    assert.deepEqual(
      rows.map((r) => [r.original_name, r.content_type, Number(r.size), r.resource]),
      files.map(([content, name, type]) => [name, type, content.length, 'crm.companies'])
    )
    for (const [i, row] of rows.entries()) {
      assert.equal(row.sha256, createHash('sha256').update(files[i][0]).digest('hex'))
      assert.equal(row.uploaded_by, rep.id)
      assert.notInclude(row.stored_key, files[i][1])
      assert.deepEqual(Buffer.from(await drive.use().getBytes(row.stored_key)), files[i][0])
    }
    assert.deepEqual(await kinds('crm.company', company), [
      'document_added',
      'document_added',
      'document_added',
    ])

    const page = await client.get(`/crm/companies/${company}`).loginAs(rep).withInertia()
    const panel = page.inertiaProps.documents
    assert.isTrue(panel.canEdit)
    assert.equal(panel.url, `/documents/crm.companies/${company}`)
    assert.deepEqual(
      panel.items.map((d: any) => [d.name, d.typeLabel, d.uploadedByName]),
      [
        ['clientes.csv', 'CSV', 'Ana Rep'],
        ['logo sin extensión', 'PNG', 'Ana Rep'],
        ['oferta.pdf', 'PDF', 'Ana Rep'],
      ]
    )
    const entry = page.inertiaProps.timeline.entries[0]
    assert.equal(entry.kind, 'document_added')
    assert.equal(entry.data.summary, 'clientes.csv')

    const list = await client
      .get(`/documents/crm.companies/${company}`)
      .loginAs(rep)
      .header('accept', 'application/json')
    list.assertStatus(200)
    assert.lengthOf(list.body().documents, 3)
  })

  test('contacts accept documents too', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const contact = await insertContact(org, { owner_id: rep.id })
    const response = await upload(client, rep, `crm.contacts/${contact}`, PDF, 'dni.pdf')
    response.assertStatus(201)
    const page = await client.get(`/crm/contacts/${contact}`).loginAs(rep).withInertia()
    assert.deepEqual(
      page.inertiaProps.documents.items.map((d: any) => d.name),
      ['dni.pdf']
    )
    assert.deepEqual(await kinds('crm.contact', contact), ['document_added'])
  })

  test('content type from the bytes: HTML named .pdf, SVG, executables and unknown binary are refused', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: rep.id })
    const refused: [Buffer, string][] = [
      [Buffer.from('<!doctype html><script>alert(1)</script>'), 'factura.pdf'],
      [Buffer.from('\uFEFF  <svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), 'logo.png'],
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]), 'informe.pdf'],
      [Buffer.from([0, 1, 2, 3, 255, 254, 0, 9]), 'datos.csv'],
      [Buffer.alloc(0), 'vacio.txt'],
    ]
    for (const [content, name] of refused) {
      const response = await upload(client, rep, `crm.companies/${company}`, content, name)
      response.assertStatus(422)
      const message = response.body().errors[0].message
      assert.include(message, `«${name}» no es un tipo de archivo admitido`, name)
      assert.include(message, 'PDF')
    }
    assert.lengthOf(await rowsOf(company), 0)
    assert.deepEqual(await kinds('crm.company', company), [])

    // Without JavaScript (no JSON asked): back to the page with the message.
    const form = await client
      .post(`/documents/crm.companies/${company}`)
      .loginAs(rep)
      .withCsrfToken()
      .redirects(0)
      .file('file', refused[0][0], { filename: 'factura.pdf' })
    form.assertStatus(302)
    assert.include(form.flashMessage('error'), '«factura.pdf» no es un tipo de archivo admitido')
  })

  test('limits: per file and per organization, with a translated message', async ({
    client,
    assert,
    cleanup,
  }) => {
    cleanup(limits({ maxFileSize: 1000, organizationQuota: 1500 }))
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own', { locale: 'en' })
    const company = await insertCompany(org, { owner_id: rep.id })
    const text = (n: number) => Buffer.from('a'.repeat(n))

    const big = await upload(client, rep, `crm.companies/${company}`, text(1001), 'grande.txt')
    big.assertStatus(422)
    assert.equal(
      big.body().errors[0].message,
      '“grande.txt” is larger than the 1000 B limit per file.'
    )

    ;(await upload(client, rep, `crm.companies/${company}`, text(1000), 'uno.txt')).assertStatus(
      201
    )
    const over = await upload(client, rep, `crm.companies/${company}`, text(600), 'dos.txt')
    over.assertStatus(422)
    assert.include(over.body().errors[0].message, 'the organization has reached its 1.46 KB')
    // Another organization has its own quota.
    const other = await createOrganization(['crm'])
    const otherRep = await crmUser(other, 'own')
    const otherCompany = await insertCompany(other, { owner_id: otherRep.id })
    ;(
      await upload(client, otherRep, `crm.companies/${otherCompany}`, text(600), 'dos.txt')
    ).assertStatus(201)
    assert.deepEqual(
      (await rowsOf(company)).map((r) => r.original_name),
      ['uno.txt']
    )
  })

  test('a download is an attachment with a safe name, nosniff and private caching', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: rep.id })
    const name = 'Presupuesto "ñ" 100%;.pdf'
    const created = await upload(client, rep, `crm.companies/${company}`, PDF, name)
    created.assertStatus(201)
    const id = created.body().document.id
    assert.equal(created.body().document.name, 'Presupuesto "ñ" 100%;.pdf')

    const response = await client.get(`/documents/${id}/download`).loginAs(rep)
    response.assertStatus(200)
    assert.equal(response.header('content-type'), 'application/pdf')
    assert.equal(
      response.header('content-disposition'),
      `attachment; filename="Presupuesto _n_ 100__.pdf"; filename*=UTF-8''Presupuesto%20%22%C3%B1%22%20100%25%3B.pdf`
    )
    assert.equal(response.header('x-content-type-options'), 'nosniff')
    assert.match(response.header('cache-control') ?? '', /^private/)
    assert.include(response.header('content-security-policy'), 'sandbox')
    assert.equal(response.header('content-length'), String(PDF.length))
  })

  test("with production's CSP on, a download keeps its own sandboxing policy", async ({
    client,
    assert,
  }) => {
    const enabled = app.config.get('shield.csp.enabled')
    app.config.set('shield.csp.enabled', true)
    reloadShieldConfig()
    try {
      const org = await createOrganization(['crm'])
      const rep = await crmUser(org, 'own')
      const company = await insertCompany(org, { owner_id: rep.id })
      const created = await upload(client, rep, `crm.companies/${company}`, PDF, 'a.pdf')
      const id = created.body().document.id
      const response = await client.get(`/documents/${id}/download`).loginAs(rep)
      response.assertStatus(200)
      assert.equal(response.header('content-security-policy'), "default-src 'none'; sandbox")
      const page = await client.get(`/crm/companies/${company}`).loginAs(rep)
      assert.match(page.header('content-security-policy') ?? '', /nonce-/)
    } finally {
      app.config.set('shield.csp.enabled', enabled)
      reloadShieldConfig()
    }
  })

  test("scope 'own': another rep's company documents can't be listed, uploaded, downloaded or deleted (404)", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const manager = await crmUser(org, 'hierarchy')
    const rep = await crmUser(org, 'own', { reportsToId: manager.id })
    const other = await crmUser(org, 'own')
    const mine = await insertCompany(org, { owner_id: rep.id })
    const theirs = await insertCompany(org, { owner_id: other.id })
    const doc = (await upload(client, other, `crm.companies/${theirs}`, PDF, 'x.pdf')).body()
      .document.id
    ;(await upload(client, rep, `crm.companies/${mine}`, PDF, 'mio.pdf')).assertStatus(201)

    // The record page itself answers 404 too: the documents answer like it.
    ;(await client.get(`/crm/companies/${theirs}`).loginAs(rep).withInertia()).assertStatus(404)
    const asRep = [
      client
        .get(`/documents/crm.companies/${theirs}`)
        .loginAs(rep)
        .header('accept', 'application/json'),
      upload(client, rep, `crm.companies/${theirs}`, PDF, 'intruso.pdf'),
      client.get(`/documents/${doc}/download`).loginAs(rep),
      client.delete(`/documents/${doc}`).loginAs(rep).withCsrfToken().redirects(0),
    ]
    for (const request of asRep) (await request).assertStatus(404)
    assert.lengthOf(await rowsOf(theirs), 1)
    assert.isNull((await rowsOf(theirs))[0].deleted_at)

    // The manager sees her report's company and its documents, not the outsider's.
    ;(await client.get(`/documents/crm.companies/${mine}`).loginAs(manager)).assertStatus(200)
    ;(await client.get(`/documents/${doc}/download`).loginAs(manager)).assertStatus(404)
    // Another organization's administrator sees nothing of this one.
    const otherOrg = await createOrganization(['crm'])
    const otherAdmin = await createUser(otherOrg, { isAdmin: true })
    ;(await client.get(`/documents/${doc}/download`).loginAs(otherAdmin)).assertStatus(404)
    // An organization where the CRM is not installed has no CRM documents.
    const bare = await createOrganization([])
    const bareAdmin = await createUser(bare, { isAdmin: true })
    const bareCompany = await insertCompany(bare)
    ;(
      await client
        .get(`/documents/crm.companies/${bareCompany}`)
        .loginAs(bareAdmin)
        .header('accept', 'application/json')
    ).assertStatus(404)
    // An unknown resource, or one without documents, is simply missing.
    const admin = await createUser(org, { isAdmin: true })
    for (const path of [`crm.leads/${theirs}`, `crm.companies/999999`]) {
      ;(
        await client.get(`/documents/${path}`).loginAs(admin).header('accept', 'application/json')
      ).assertStatus(404)
    }
  })

  test('permissions: view-only users download but may not upload or delete (403); the page says so', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const support = await crmUser(org, 'all', {}, ['view'])
    const company = await insertCompany(org, { owner_id: rep.id })
    const doc = (await upload(client, rep, `crm.companies/${company}`, PDF, 'a.pdf')).body()
      .document.id

    const page = await client.get(`/crm/companies/${company}`).loginAs(support).withInertia()
    assert.isFalse(page.inertiaProps.documents.canEdit)
    assert.lengthOf(page.inertiaProps.documents.items, 1)
    ;(await client.get(`/documents/${doc}/download`).loginAs(support)).assertStatus(200)
    ;(await upload(client, support, `crm.companies/${company}`, PDF, 'b.pdf')).assertStatus(403)
    ;(
      await client.delete(`/documents/${doc}`).loginAs(support).withCsrfToken().redirects(0)
    ).assertStatus(403)
    assert.lengthOf(await rowsOf(company), 1)

    // No permission on companies at all: the documents do not exist for her.
    const stranger = await createUser(org, { permissions: ['crm.contacts.view'] })
    ;(await client.get(`/documents/${doc}/download`).loginAs(stranger)).assertStatus(404)
  })

  test('delete moves to the bin, restore brings it back, purge removes the file from the drive', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: rep.id })
    const doc = (await upload(client, rep, `crm.companies/${company}`, PDF, 'a.pdf')).body()
      .document.id
    const [{ stored_key: key }] = await rowsOf(company)

    const deleted = await client
      .delete(`/documents/${doc}`)
      .loginAs(rep)
      .withCsrfToken()
      .withInertia()
      .redirects(0)
    deleted.assertStatus(303)
    deleted.assertFlashMessage('success', '«a.pdf» se ha movido a la papelera')
    const [binned] = await rowsOf(company)
    assert.isNotNull(binned.deleted_at)
    assert.equal(binned.deleted_by, rep.id)
    assert.isTrue(await drive.use().exists(key))
    const page = await client.get(`/crm/companies/${company}`).loginAs(rep).withInertia()
    assert.lengthOf(page.inertiaProps.documents.items, 0)
    ;(await client.get(`/documents/${doc}/download`).loginAs(rep)).assertStatus(404)
    // Purge takes only binned documents; restore only binned ones too.
    const base = { organizationId: org.id, documentId: doc }
    assert.isNull(
      await restoreDocument({
        ...base,
        actorId: rep.id,
        subjectType: 'crm.company',
        documentId: 999999,
      })
    )

    const restored = await restoreDocument({ ...base, actorId: rep.id, subjectType: 'crm.company' })
    assert.equal(restored?.id, doc)
    assert.isNull((await rowsOf(company))[0].deleted_at)
    ;(await client.get(`/documents/${doc}/download`).loginAs(rep)).assertStatus(200)
    assert.isNull(await purgeDocument(base))
    assert.isTrue(await drive.use().exists(key))

    ;(
      await client.delete(`/documents/${doc}`).loginAs(rep).withCsrfToken().redirects(0)
    ).assertStatus(302)
    const other = await createOrganization(['crm'])
    assert.isNull(await purgeDocument({ organizationId: other.id, documentId: doc }))
    const purged = await purgeDocument(base)
    assert.equal(purged?.id, doc)
    assert.lengthOf(await rowsOf(company), 0)
    assert.isFalse(await drive.use().exists(key))
    assert.deepEqual(await kinds('crm.company', company), [
      'document_added',
      'document_deleted',
      'document_restored',
      'document_deleted',
    ])
  })

  test('the nightly bin purge removes documents deleted one by one after the retention', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: rep.id })
    const binnedCompany = await insertCompany(org, { owner_id: rep.id })
    const ids: Record<string, number> = {}
    for (const name of ['old.pdf', 'recent.pdf', 'kept.pdf'])
      ids[name] = (
        await upload(client, rep, `crm.companies/${company}`, PDF, name)
      ).body().document.id
    ids['with-record.pdf'] = (
      await upload(client, rep, `crm.companies/${binnedCompany}`, PDF, 'with-record.pdf')
    ).body().document.id
    for (const name of ['old.pdf', 'recent.pdf'])
      (
        await client.delete(`/documents/${ids[name]}`).loginAs(rep).withCsrfToken().redirects(0)
      ).assertStatus(302)
    ;(
      await client
        .delete(`/crm/companies/${binnedCompany}`)
        .loginAs(rep)
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(302)
    // Past the organization's retention (30 days): the single one and the one binned with its
    // record (whose bin entry is recent, so the record stays in the bin with it).
    const longAgo = dbTimestamp(new Date(Date.now() - 40 * 24 * 60 * 60 * 1000))
    await db
      .from('documents')
      .whereIn('id', [ids['old.pdf'], ids['with-record.pdf']])
      .update({ deleted_at: longAgo })
    const rows = Object.fromEntries(
      (await db.from('documents').whereIn('id', Object.values(ids)).select('*')).map((r) => [
        r.original_name,
        r,
      ])
    )

    assert.equal(await purgeExpired(), 1)
    const left = await db.from('documents').whereIn('id', Object.values(ids)).orderBy('id')
    assert.deepEqual(
      left.map((r) => r.original_name),
      ['recent.pdf', 'kept.pdf', 'with-record.pdf']
    )
    assert.isFalse(await drive.use().exists(rows['old.pdf'].stored_key))
    for (const name of ['recent.pdf', 'kept.pdf', 'with-record.pdf'])
      assert.isTrue(await drive.use().exists(rows[name].stored_key), name)
    assert.equal(await purgeExpired(), 0, 'idempotent')
  })

  test('deleting a company or a contact bins its documents; the files stay until purged', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own')
    const company = await insertCompany(org, { owner_id: rep.id })
    const contact = await insertContact(org, { owner_id: rep.id })
    ;(await upload(client, rep, `crm.companies/${company}`, PDF, 'a.pdf')).assertStatus(201)
    ;(await upload(client, rep, `crm.contacts/${contact}`, PDF, 'b.pdf')).assertStatus(201)
    for (const path of [`/crm/companies/${company}`, `/crm/contacts/${contact}`]) {
      ;(await client.delete(path).loginAs(rep).withCsrfToken().redirects(0)).assertStatus(302)
    }
    for (const [id, resource] of [
      [company, 'crm.companies'],
      [contact, 'crm.contacts'],
    ] as const) {
      const [row] = await rowsOf(id, resource)
      assert.isNotNull(row.deleted_at)
      assert.equal(row.deleted_by, rep.id)
      assert.isTrue(await drive.use().exists(row.stored_key))
    }

    // Restoring the company from the Papelera brings back the documents binned with it;
    // purging the contact removes its document's row and file.
    const entryOf = (id: number, resource: string) =>
      db.from('bin_entries').where({ resource, record_id: id }).firstOrFail()
    const companyEntry = await entryOf(company, 'crm.companies')
    await client.post(`/bin/${companyEntry.id}/restore`).loginAs(rep).withCsrfToken().redirects(0)
    const docs = await rowsOf(company, 'crm.companies')
    assert.deepEqual(
      docs.filter((d) => d.deleted_at === null).map((d) => d.original_name),
      ['a.pdf']
    )
    const admin = await createUser(org, { isAdmin: true })
    const contactEntry = await entryOf(contact, 'crm.contacts')
    const [contactDoc] = await rowsOf(contact, 'crm.contacts')
    ;(
      await client.delete(`/bin/${contactEntry.id}`).loginAs(admin).withCsrfToken().redirects(0)
    ).assertStatus(302)
    assert.lengthOf(await rowsOf(contact, 'crm.contacts'), 0)
    assert.isFalse(await drive.use().exists(contactDoc.stored_key))
  })
})
