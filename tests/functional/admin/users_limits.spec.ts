import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Role from '#models/role'
import { licences } from '#app/licensing/licence_service'
import { setUserActive } from '#app/admin/users/set_user_active'
import { RuleError } from '#app/support/rule_error'
import { createUser } from '#tests/helpers/world'
import { testLicence } from '#tests/helpers/licences'
import { adminWorld, write } from './_helpers.js'

const newUser = (email: string, isActive = true) => ({
  fullName: 'Nuevo Usuario',
  email,
  locale: 'es',
  timezone: 'Europe/Madrid',
  roleIds: [],
  isActive,
  passwordMode: 'set',
  password: 'clave-inicial-123',
})

test.group('Admin · seat limit and lockout protection', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('with a licence, creating or activating a user beyond its seats is refused and changes nothing', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const dormant = await createUser(org, {}, { isActive: false })
    const used = await licences.activeUsers()
    await licences.install(testLicence({ seats: used + 1 }), admin.id)

    const first = await write(client.post('/admin/users'), admin, newUser('cabe@prueba.test'))
    first.assertFlashMessage('success', 'Usuario Nuevo Usuario creado.')

    const second = await write(client.post('/admin/users'), admin, newUser('sobra@prueba.test'))
    second.assertStatus(302)
    second.assertFlashMessage(
      'error',
      `Ha alcanzado el límite de ${used + 1} usuarios activos de su licencia.`
    )
    assert.isNull(await User.findBy('email', 'sobra@prueba.test'))

    const activate = await write(client.post(`/admin/users/${dormant.id}/activate`), admin)
    activate.assertFlashMessage(
      'error',
      `Ha alcanzado el límite de ${used + 1} usuarios activos de su licencia.`
    )
    await dormant.refresh()
    assert.isFalse(Boolean(dormant.isActive))

    // An inactive user takes no seat, so it can still be created.
    const inactive = await write(
      client.post('/admin/users'),
      admin,
      newUser('inactivo@prueba.test', false)
    )
    inactive.assertFlashMessage('success', 'Usuario Nuevo Usuario creado.')
  })

  test('in evaluation mode the limit is 10 active users, and the message says so', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    while ((await licences.activeUsers()) < 10) await createUser(org)
    const refused = await write(client.post('/admin/users'), admin, newUser('once@prueba.test'))
    refused.assertFlashMessage(
      'error',
      'Ha alcanzado el límite de 10 usuarios activos de su licencia (modo evaluación: 10).'
    )
    assert.isNull(await User.findBy('email', 'once@prueba.test'))

    admin.locale = 'en'
    await admin.save()
    const en = await write(client.post('/admin/users'), admin, newUser('eleven@prueba.test'))
    en.assertFlashMessage(
      'error',
      'You have reached the limit of 10 active users of your licence (evaluation mode: 10).'
    )
  })

  test('an administrator cannot deactivate themself', async ({ client, assert }) => {
    const { admin } = await adminWorld()
    const response = await write(client.post(`/admin/users/${admin.id}/deactivate`), admin)
    response.assertFlashMessage('error', 'No puede desactivarse a sí mismo.')
    await admin.refresh()
    assert.isTrue(Boolean(admin.isActive))
  })

  test('an administrator cannot remove their own administrator role, by editing themself or the role', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const adminRoleId = (await db.from('user_roles').where('user_id', admin.id).first()).role_id
    const plainRole = await Role.create({ organizationId: org.id, name: 'Normal', isAdmin: false })

    const edit = await write(client.put(`/admin/users/${admin.id}`), admin, {
      fullName: admin.fullName,
      email: admin.email,
      locale: 'es',
      timezone: 'Europe/Madrid',
      roleIds: [plainRole.id],
    })
    edit.assertFlashMessage(
      'error',
      'No puede quitarse a sí mismo el rol de administrador: otro administrador tendría que hacerlo.'
    )
    assert.deepEqual(
      (await db.from('user_roles').where('user_id', admin.id)).map((r) => r.role_id),
      [adminRoleId],
      'rolled back'
    )

    const role = await write(client.put(`/admin/roles/${adminRoleId}`), admin, {
      name: 'Administrador',
      isAdmin: false,
      permissions: [],
      scopes: [],
    })
    role.assertFlashMessage(
      'error',
      'No puede quitarse a sí mismo el rol de administrador: otro administrador tendría que hacerlo.'
    )
    assert.isTrue(Boolean((await db.from('roles').where('id', adminRoleId).first()).is_admin))

    // With a second administrator, the first may hand over someone else's admin rights freely.
    const second = await createUser(org, { isAdmin: true })
    const demote = await write(client.put(`/admin/users/${second.id}`), admin, {
      fullName: second.fullName,
      email: second.email,
      locale: 'es',
      timezone: 'Europe/Madrid',
      roleIds: [plainRole.id],
    })
    demote.assertFlashMessage('success', `Cambios de ${second.fullName} guardados.`)
  })

  test('the last active administrator cannot be deactivated, whoever asks', async ({ assert }) => {
    const { org, admin } = await adminWorld()
    const clerk = await createUser(org)
    // The system (no actor) is refused too: the organization would be left without administrators.
    const error = await setUserActive({
      organizationId: org.id,
      actorId: null,
      userId: admin.id,
      active: false,
    }).catch((e) => e)
    assert.instanceOf(error, RuleError)
    assert.equal(error.key, 'admin.users.errors.last_admin')
    // Someone who is not (or no longer) an active administrator cannot change anyone's access.
    const byClerk = await setUserActive({
      organizationId: org.id,
      actorId: clerk.id,
      userId: admin.id,
      active: false,
    }).catch((e) => e)
    assert.instanceOf(byClerk, RuleError)
    assert.equal(byClerk.key, 'admin.users.errors.actor_not_admin')
    await admin.refresh()
    assert.isTrue(Boolean(admin.isActive))

    const second = await createUser(org, { isAdmin: true })
    await setUserActive({
      organizationId: org.id,
      actorId: second.id,
      userId: admin.id,
      active: false,
    })
    await admin.refresh()
    assert.isFalse(Boolean(admin.isActive))
  })
})
