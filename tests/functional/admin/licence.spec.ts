import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { generateKeyPairSync } from 'node:crypto'
import { signLicence, type LicencePayload } from '#app/licensing/licence'
import { licences } from '#app/licensing/licence_service'
import { dbTimestamp } from '#app/support/dates'
import { createOrganization, createUser } from '#tests/helpers/world'
import { testLicence } from '#tests/helpers/licences'
import { adminWorld, fieldErrors, write } from './_helpers.js'

const payload = (overrides: Partial<LicencePayload> = {}): LicencePayload => ({
  id: 'lic-2026-001',
  customer: 'Distribuciones Norte S.L.',
  tier: 'profesional',
  seats: 25,
  issuedAt: '2026-01-01',
  expiresAt: '2099-12-31',
  ...overrides,
})

async function licenceRows() {
  return (await db.from('licences').orderBy('id')).map((r) => r.licence_id)
}

test.group('Admin · licence', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('evaluation mode shows seats in use and no licence', async ({ client, assert }) => {
    const { org, admin } = await adminWorld()
    await createUser(org)
    const response = await client.get('/admin/licence').loginAs(admin).withInertia()
    response.assertInertiaComponent('admin/licence/index')
    const overview = response.inertiaProps.overview as any
    assert.deepInclude(overview, {
      mode: 'evaluation',
      tier: 'empresa',
      seats: 10,
      licence: null,
      problem: null,
    })
    assert.equal(overview.activeUsers, await licences.activeUsers())
    assert.deepEqual(overview.history, [])
  })

  test('a valid pasted licence is installed, audited and shown with its history', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const text = testLicence({
      id: 'lic-valid-1',
      customer: 'Distribuciones Norte S.L.',
      tier: 'profesional',
      seats: 25,
      expiresAt: '2099-12-31',
    })
    const response = await write(client.post('/admin/licence'), admin, { content: text })
    response.assertHeader('location', '/admin/licence')
    response.assertFlashMessage(
      'success',
      'Licencia de Distribuciones Norte S.L. instalada, válida hasta el 31/12/2099.'
    )

    const page = await client.get('/admin/licence').loginAs(admin).withInertia()
    const overview = page.inertiaProps.overview as any
    assert.deepInclude(overview, { mode: 'licensed', tier: 'profesional', seats: 25 })
    assert.deepInclude(overview.licence, {
      id: 'lic-valid-1',
      customer: 'Distribuciones Norte S.L.',
      expiresAt: '2099-12-31',
    })
    assert.deepInclude(overview.history[0], {
      licenceId: 'lic-valid-1',
      current: true,
      installedBy: 'Ana Administradora',
      seats: 25,
    })

    const audit = await db
      .from('audit_logs')
      .where({ organization_id: org.id, subject_type: 'kernel.licence', action: 'create' })
    assert.includeMembers(
      audit.map((a) => `${a.field}=${a.new_value}`),
      ['id=lic-valid-1', 'tier=profesional', 'seats=25']
    )
  })

  test('a licence file can be uploaded as a file', async ({ client, assert }) => {
    const { admin } = await adminWorld()
    const response = await client
      .post('/admin/licence')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
      .file('file', Buffer.from(testLicence({ id: 'lic-file-1' })), {
        filename: 'licencia.json',
        contentType: 'application/json',
      })
    response.assertHeader('location', '/admin/licence')
    assert.deepEqual(await licenceRows(), ['lic-file-1'])
  })

  test(
    'tampered, untrusted, expired or malformed files are ' +
      'refused with the reason, and the licence in force stays',
    async ({ client, assert }) => {
      const { admin } = await adminWorld()
      await licences.install(testLicence({ id: 'lic-en-vigor', seats: 30 }), admin.id)

      const tampered = JSON.parse(testLicence({ id: 'lic-alterada', seats: 5 }))
      tampered.licence.seats = 500
      const { privateKey } = generateKeyPairSync('ed25519')
      const untrusted = signLicence(
        payload({ id: 'lic-ajena' }),
        privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
      )
      const expired = testLicence({
        id: 'lic-caducada',
        issuedAt: '2020-01-01',
        expiresAt: '2021-01-01',
      })
      const cases: [string, string][] = [
        [
          JSON.stringify(tampered),
          'La firma de la licencia no es válida: el archivo se ha modificado ' +
            'o no lo ha emitido Cartera. Se mantiene la licencia actual.',
        ],
        [
          JSON.stringify(untrusted),
          'La firma de la licencia no es válida: el archivo se ha modificado ' +
            'o no lo ha emitido Cartera. Se mantiene la licencia actual.',
        ],
        [expired, 'Esa licencia ya ha caducado. Se mantiene la licencia actual.'],
        [
          '{"format": "otra-cosa"}',
          'El archivo no es una licencia de Cartera válida. Se mantiene la licencia actual.',
        ],
        [
          'esto no es json',
          'El archivo no es una licencia de Cartera válida. Se mantiene la licencia actual.',
        ],
      ]
      for (const [content, expected] of cases) {
        const response = await write(client.post('/admin/licence'), admin, { content })
        assert.equal(fieldErrors(response).content, expected)
      }
      const empty = await write(client.post('/admin/licence'), admin, { content: '' })
      assert.equal(fieldErrors(empty).content, 'Elija un archivo de licencia o pegue su contenido.')

      assert.deepEqual(await licenceRows(), ['lic-en-vigor'])
      const entitlement = await licences.entitlement()
      assert.equal(entitlement.mode, 'licensed')
      assert.equal(entitlement.seats, 30)

      admin.locale = 'en'
      await admin.save()
      const en = await write(client.post('/admin/licence'), admin, { content: expired })
      assert.equal(
        fieldErrors(en).content,
        'That licence has already expired. The current licence stays in force.'
      )
    }
  )

  test('an installed licence expired past its grace period is reported and the basic tier applies', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminWorld()
    // As if it had been valid when installed: written straight to the table.
    const text = testLicence({
      id: 'lic-vieja',
      tier: 'empresa',
      seats: 12,
      issuedAt: '2020-01-01',
      expiresAt: '2021-06-30',
    })
    await db.table('licences').insert({
      content: text,
      licence_id: 'lic-vieja',
      installed_by: admin.id,
      installed_at: dbTimestamp(),
    })
    const page = await client.get('/admin/licence').loginAs(admin).withInertia()
    const overview = page.inertiaProps.overview as any
    assert.equal(overview.mode, 'restricted')
    assert.equal(overview.tier, 'basico')
    assert.equal(overview.problem.code, 'expired')
    assert.equal(overview.problem.licence.id, 'lic-vieja')
    assert.equal(overview.seats, 12, 'a genuine licence keeps its seats')
    assert.equal(
      page.inertiaProps.shell.licence.mode,
      'restricted',
      'the shell warns administrators'
    )
  })

  test(
    'a tenant that is not the host cannot replace the licence; ' +
      'installer names of other tenants stay hidden',
    async ({ client, assert }) => {
      const { admin: otherAdmin } = await adminWorld()
      const tenant = await createOrganization()
      const admin = await createUser(tenant, { isAdmin: true })
      await db.table('licences').insert({
        content: testLicence({ id: 'lic-operador' }),
        licence_id: 'lic-operador',
        installed_by: otherAdmin.id,
        installed_at: dbTimestamp(),
      })
      const page = await client.get('/admin/licence').loginAs(admin).withInertia()
      const overview = page.inertiaProps.overview as any
      assert.isFalse(overview.canManage)
      assert.isNull(overview.history[0].installedBy)

      const refused = await client
        .post('/admin/licence')
        .form({ content: testLicence({ id: 'lic-intruso' }) })
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
      refused.assertFlashMessage(
        'error',
        'Esta instalación aloja varias empresas: la licencia la gestiona la empresa ' +
          'anfitriona o el operador del servidor con «node ace licence:install».'
      )
      assert.deepEqual(await licenceRows(), ['lic-operador'])
    }
  )
})
