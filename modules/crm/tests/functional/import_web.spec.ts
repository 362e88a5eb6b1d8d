import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import iconv from 'iconv-lite'
import { createOrganization, createUser } from '#tests/helpers/world'
import { drainQueue } from '#tests/helpers/queue'
import { claimRun } from '#app/import/runs'
import { crmUser } from '../helpers.js'

const CSV = iconv.encode(
  [
    'Razón social,Nombre,NIF,Teléfono,Provincia',
    'Ferretería Núñez S.L.,Ferretería Núñez,B12345674,912 345 678,Madrid',
    'Ferreteria Nuñez SL,Ferretería Núñez bis,,0034 912 345 678,Madrid',
    'Mal,Mal,B12345675,,Narnia',
  ].join('\r\n'),
  'windows-1252'
)

test.group('Import in the browser: upload, columns, preview, commit, undo', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the whole flow, with the run polled and the history listed', async ({ client, assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const page = await client.get('/imports/crm.companies').loginAs(user).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('imports/index')

    const upload = await client
      .post('/imports/crm.companies')
      .file('file', CSV, { filename: 'empresas.csv' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    upload.assertStatus(302)
    const url = upload.header('location') as string
    assert.match(url, /^\/imports\/runs\/\d+$/)
    const runId = Number(url.split('/').pop())

    const mapping = await client.get(url).loginAs(user).withInertia()
    const run = mapping.inertiaProps.run as any
    assert.equal(run.status, 'uploaded')
    assert.deepInclude(run.options, { format: 'csv', encoding: 'iso-8859-1', delimiter: ',' })
    assert.deepEqual(run.mapping, ['legalName', 'name', 'nif', 'phone', 'province'])
    assert.equal((mapping.inertiaProps.samples as string[][])[0][0], 'Ferretería Núñez S.L.')

    await client
      .put(`${url}/mapping`)
      .json({ mapping: run.mapping })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    await drainQueue()
    const preview = await client.get(url).loginAs(user).withInertia()
    const previewed = preview.inertiaProps.run as any
    assert.equal(previewed.status, 'previewed')
    assert.deepEqual(previewed.totals, { created: 1, updated: 0, duplicates: 1, rejected: 1 })
    const rejected = await client.get(`${url}?outcome=rejected`).loginAs(user).withInertia()
    const lines = (rejected.inertiaProps.preview as any).lines
    assert.lengthOf(lines, 1)
    assert.equal(lines[0].line, 4)
    assert.equal(
      lines[0].reason,
      'El NIF/CIF «B12345675» no es válido: revise la letra o el dígito de control.'
    )
    const dup = (preview.inertiaProps.preview as any).lines[1]
    assert.deepInclude(dup, { outcome: 'duplicate', of: { kind: 'line', id: 2 }, key: 'teléfono' })

    // The list is read (and cached) before the import; the import must show in it at once.
    const before = await client.get('/crm/companies').loginAs(user).withInertia()
    assert.lengthOf(before.inertiaProps.companies as unknown[], 0)
    await client.post(`${url}/commit`).loginAs(user).withCsrfToken().redirects(0)
    await drainQueue()
    // The importer hears that it landed, with a link back to the run.
    const notice = await db
      .from('notifications')
      .where('user_id', user.id)
      .where('kind', 'kernel.import_finished')
      .firstOrFail()
    assert.equal(notice.link, url)
    assert.include(JSON.parse(notice.message_params), { file: 'empresas.csv', created: 1 })
    const after = await client.get('/crm/companies').loginAs(user).withInertia()
    assert.deepEqual(
      (after.inertiaProps.companies as { name: string }[]).map((r) => r.name),
      ['Ferretería Núñez']
    )
    const status = await client.get(`${url}/status`).loginAs(user).accept('json')
    assert.equal(status.body().status, 'committed')
    assert.equal(status.body().rowsDone, 3)
    const company = await db.from('crm_companies').where('organization_id', org.id).firstOrFail()
    assert.include(company, { name: 'Ferretería Núñez', nif: 'B12345674', owner_id: user.id })

    // The mapping is remembered for the next file of the organization.
    const again = await client
      .post('/imports/crm.companies')
      .file('file', CSV, { filename: 'otra.csv' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    const next = await client
      .get(again.header('location') as string)
      .loginAs(user)
      .withInertia()
    assert.deepEqual((next.inertiaProps.run as any).mapping, run.mapping)

    await client.post(`${url}/rollback`).loginAs(user).withCsrfToken().redirects(0)
    await drainQueue()
    assert.lengthOf(await db.from('crm_companies').where('organization_id', org.id), 0)
    const undone = await client.get('/crm/companies').loginAs(user).withInertia()
    assert.lengthOf(undone.inertiaProps.companies as unknown[], 0)
    const history = await client.get('/imports/crm.companies').loginAs(user).withInertia()
    const runs = history.inertiaProps.runs as any[]
    assert.equal(runs.find((r) => r.id === runId).status, 'rolled_back')
  })

  test('an import is its author’s: colleagues can neither open, list nor undo it; a second start is refused', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const author = await crmUser(org, 'all')
    const colleague = await crmUser(org, 'all')
    const upload = await client
      .post('/imports/crm.companies')
      .file('file', CSV, { filename: 'empresas.csv' })
      .loginAs(author)
      .withCsrfToken()
      .redirects(0)
    const url = upload.header('location') as string
    const runId = Number(url.split('/').pop())
    ;(await client.get(url).loginAs(colleague).withInertia()).assertStatus(404)
    ;(await client.post(`${url}/rollback`).loginAs(colleague).withCsrfToken()).assertStatus(404)
    const list = await client.get('/imports/crm.companies').loginAs(colleague).withInertia()
    assert.lengthOf(list.inertiaProps.runs as unknown[], 0)
    const own = await client.get('/imports/crm.companies').loginAs(author).withInertia()
    assert.deepEqual(
      (own.inertiaProps.runs as { id: number }[]).map((r) => r.id),
      [runId]
    )

    // Two requests racing to start the same step: one claims the run, the other finds it started.
    await db.from('import_runs').where('id', runId).update({ status: 'previewed' })
    assert.isTrue(await claimRun(runId, ['previewed', 'failed'], 'committing'))
    assert.isFalse(await claimRun(runId, ['previewed', 'failed'], 'committing'))
  })

  test('bad files come back as a translated error on the file field', async ({ client }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all')
    const response = await client
      .post('/imports/crm.companies')
      .file('file', Buffer.from(''), { filename: 'vacio.csv' })
      .loginAs(user)
      .withCsrfToken()
      .header('referer', '/imports/crm.companies')
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', { file: ['El archivo está vacío.'] })
  })

  test('permissions: create is needed, other organizations and resources are 404', async ({
    client,
  }) => {
    const org = await createOrganization(['crm'])
    const viewer = await createUser(org, {
      permissions: ['crm.companies.view'],
      scopes: { 'crm.companies': 'all' },
    })
    ;(await client.get('/imports/crm.companies').loginAs(viewer)).assertStatus(403)
    const user = await crmUser(org, 'all')
    ;(await client.get('/imports/crm.nothing').loginAs(user)).assertStatus(404)
    const other = await createOrganization(['crm'])
    const stranger = await crmUser(other, 'all')
    const upload = await client
      .post('/imports/crm.companies')
      .file('file', CSV, { filename: 'x.csv' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    ;(await client.get(upload.header('location') as string).loginAs(stranger)).assertStatus(404)
  })
})
