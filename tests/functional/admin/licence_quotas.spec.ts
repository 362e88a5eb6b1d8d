import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { licences } from '#app/licensing/licence_service'
import { createUser } from '#tests/helpers/world'
import { testLicence } from '#tests/helpers/licences'
import { adminWorld, fieldErrors, otherOrganization, write } from './_helpers.js'
import { forgetOrganizations } from '#app/support/cache'

const newUser = (email: string) => ({
  fullName: 'Nuevo Usuario',
  email,
  locale: 'es',
  timezone: 'Europe/Madrid',
  roleIds: [],
  isActive: true,
  passwordMode: 'set',
  password: 'clave-inicial-123',
})

const quotaOf = async (organizationId: number) =>
  (await db.from('organizations').where('id', organizationId).select('seat_quota').firstOrFail())
    .seat_quota

test.group('Admin · licence seats per organization', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => licences.forget())
  group.each.teardown(() => licences.forget())

  test('another organization sees only its own active users; the host sees all', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await createUser(org)
    await createUser(org)
    const tenant = await otherOrganization()
    await createUser(tenant.org, {}, { isActive: false })

    const theirs = await client.get('/admin/licence').loginAs(tenant.admin).withInertia()
    const overview = theirs.inertiaProps.overview as any
    assert.equal(overview.activeUsers, 2, 'its administrator and its user, nobody else')
    assert.isNull(overview.organizations)
    assert.isNull(overview.seatQuota)

    // The banner of every page, too: with the installation over its seats, the tenant (no quota)
    // is told nothing of other organizations' users; the host is.
    await licences.install(testLicence({ seats: 1 }), admin.id)
    const banner = await client.get('/admin/licence').loginAs(tenant.admin).withInertia()
    assert.isNull((banner.inertiaProps.shell as any).licence.overSeats)
    await db.from('organizations').where('id', tenant.org.id).update({ seat_quota: 1 })
    await forgetOrganizations() // written to the table directly, not through the quotas page
    const overQuota = await client.get('/admin/licence').loginAs(tenant.admin).withInertia()
    assert.deepEqual((overQuota.inertiaProps.shell as any).licence.overSeats, {
      active: 2,
      seats: 1,
    })
    const hostBanner = await client.get('/admin/licence').loginAs(admin).withInertia()
    const everyone = await licences.activeUsers()
    assert.deepEqual((hostBanner.inertiaProps.shell as any).licence.overSeats, {
      active: everyone,
      seats: 1,
    })
    await db.from('organizations').where('id', tenant.org.id).update({ seat_quota: null })

    const host = await client.get('/admin/licence').loginAs(admin).withInertia()
    const hostView = host.inertiaProps.overview as any
    assert.equal(hostView.activeUsers, await licences.activeUsers())
    const rows = new Map((hostView.organizations as any[]).map((o) => [o.id, o]))
    assert.deepInclude(rows.get(org.id), { activeUsers: 3, seatQuota: null, host: true })
    assert.deepInclude(rows.get(tenant.org.id), { activeUsers: 2, seatQuota: null, host: false })
  })

  test('a quota set by the host refuses creating or activating users beyond it', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminWorld()
    await licences.install(testLicence({ seats: (await licences.activeUsers()) + 20 }), admin.id)
    const tenant = await otherOrganization()
    const dormant = await createUser(tenant.org, {}, { isActive: false })

    const saved = await write(client.put('/admin/licence/quotas'), admin, {
      quotas: [{ organizationId: tenant.org.id, seatQuota: 3 }],
    })
    saved.assertHeader('location', '/admin/licence')
    saved.assertFlashMessage('success', 'Cupos guardados.')
    assert.equal(await quotaOf(tenant.org.id), 3)

    const third = await write(
      client.post('/admin/users'),
      tenant.admin,
      newUser('tercero@prueba.test')
    )
    third.assertFlashMessage('success', 'Usuario Nuevo Usuario creado.')
    const message =
      'Su empresa ha alcanzado su cupo de 3 usuarios activos. ' +
      'Pida al administrador de la instalación que lo amplíe.'
    const fourth = await write(
      client.post('/admin/users'),
      tenant.admin,
      newUser('cuarto@prueba.test')
    )
    fourth.assertFlashMessage('error', message)
    assert.isNull(await User.findBy('email', 'cuarto@prueba.test'))
    const activate = await write(client.post(`/admin/users/${dormant.id}/activate`), tenant.admin)
    activate.assertFlashMessage('error', message)
    await dormant.refresh()
    assert.isFalse(Boolean(dormant.isActive))

    // The tenant's own page shows its count against its quota.
    const page = await client.get('/admin/licence').loginAs(tenant.admin).withInertia()
    assert.deepInclude(page.inertiaProps.overview as any, { activeUsers: 3, seatQuota: 3 })

    // Emptying the quota lifts it.
    const lifted = { quotas: [{ organizationId: tenant.org.id, seatQuota: null }] }
    await write(client.put('/admin/licence/quotas'), admin, lifted)
    assert.isNull(await quotaOf(tenant.org.id))
    const again = await write(client.post(`/admin/users/${dormant.id}/activate`), tenant.admin)
    again.assertFlashMessage('success', `${dormant.fullName} vuelve a estar activo.`)
  })

  test("quotas adding up to more than the licence's seats are refused", async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await licences.install(testLicence({ seats: 30 }), admin.id)
    const tenant = await otherOrganization()

    const refused = await write(client.put('/admin/licence/quotas'), admin, {
      quotas: [
        { organizationId: org.id, seatQuota: 20 },
        { organizationId: tenant.org.id, seatQuota: 11 },
      ],
    }).header('referer', '/admin/licence')
    refused.assertHeader('location', '/admin/licence')
    const reason = 'Los cupos suman 31 plazas y la licencia solo tiene 30. Reduzca algún cupo.'
    assert.equal(fieldErrors(refused).quotas, reason)
    assert.isNull(await quotaOf(org.id))
    assert.isNull(await quotaOf(tenant.org.id))

    // Quotas already set count too, even when the request leaves them out.
    await write(client.put('/admin/licence/quotas'), admin, {
      quotas: [{ organizationId: org.id, seatQuota: 20 }],
    })
    assert.equal(await quotaOf(org.id), 20)
    const tenantQuota = (seatQuota: number) => ({
      quotas: [{ organizationId: tenant.org.id, seatQuota }],
    })
    const over = await write(client.put('/admin/licence/quotas'), admin, tenantQuota(11))
    assert.match(fieldErrors(over).quotas, /suman 31 plazas/)
    assert.isNull(await quotaOf(tenant.org.id))
    const fits = await write(client.put('/admin/licence/quotas'), admin, tenantQuota(10))
    fits.assertFlashMessage('success', 'Cupos guardados.')
    assert.equal(await quotaOf(tenant.org.id), 10)
  })

  test('only the host may set quotas', async ({ client, assert }) => {
    await adminWorld()
    const tenant = await otherOrganization()
    const refused = await write(client.put('/admin/licence/quotas'), tenant.admin, {
      quotas: [{ organizationId: tenant.org.id, seatQuota: 100 }],
    }).header('referer', '/admin/licence')
    refused.assertFlashMessage(
      'error',
      'Esta instalación aloja varias empresas: la licencia la gestiona la empresa ' +
        'anfitriona o el operador del servidor con «node ace licence:install».'
    )
    assert.isNull(await quotaOf(tenant.org.id))
  })
})
