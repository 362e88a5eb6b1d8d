import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Role from '#models/role'
import { createTeam, createUser } from '#tests/helpers/world'
import { adminWorld, otherOrganization, write } from './_helpers.js'

const PAGES = [
  '/admin',
  '/admin/users',
  '/admin/users/create',
  '/admin/roles',
  '/admin/roles/create',
  '/admin/teams',
  '/admin/teams/create',
  '/admin/modules',
  '/admin/licence',
  '/admin/audit',
]

test.group('Admin · access', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every administration page answers 403 to a non-administrator', async ({ client }) => {
    const { org } = await adminWorld()
    const user = await createUser(org, { permissions: ['sonda.items.view'] })
    for (const url of PAGES) {
      const response = await client.get(url).loginAs(user).withInertia()
      response.assertStatus(403)
      response.assertInertiaComponent('errors/forbidden')
    }
  })

  test('writes answer 403 to a non-administrator and change nothing', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const user = await createUser(org)
    const posts: [string, 'post' | 'put' | 'delete'][] = [
      ['/admin/users', 'post'],
      [`/admin/users/${admin.id}/deactivate`, 'post'],
      ['/admin/roles', 'post'],
      ['/admin/teams', 'post'],
      ['/admin/modules/sonda/install', 'post'],
      ['/admin/licence', 'post'],
    ]
    for (const [url, method] of posts) {
      const response = await write(client[method](url), user, { name: 'x' })
      response.assertStatus(403)
    }
    await admin.refresh()
    assert.isTrue(Boolean(admin.isActive))
  })

  test('the pages render for an administrator', async ({ client }) => {
    const { admin } = await adminWorld(['sonda'])
    for (const url of PAGES.slice(1)) {
      const response = await client.get(url).loginAs(admin).withInertia()
      response.assertStatus(200)
    }
  })

  test("another organization's users, roles and teams answer 404", async ({ client, assert }) => {
    const { admin } = await adminWorld()
    const other = await otherOrganization()
    const role = await Role.create({ organizationId: other.org.id, name: 'Ajeno', isAdmin: false })
    const team = await createTeam(other.org, null, [other.user], 'Equipo Ajeno')
    const gets = [
      `/admin/users/${other.user.id}/edit`,
      `/admin/roles/${role.id}/edit`,
      `/admin/teams/${team.id}/edit`,
    ]
    for (const url of gets) {
      const response = await client.get(url).loginAs(admin).withInertia()
      response.assertStatus(404)
    }
    const writes: [string, 'post' | 'put' | 'delete', Record<string, unknown>][] = [
      [
        `/admin/users/${other.user.id}`,
        'put',
        {
          fullName: 'Hackeado',
          email: 'h@prueba.test',
          locale: 'es',
          timezone: 'Europe/Madrid',
          roleIds: [],
        },
      ],
      [`/admin/users/${other.user.id}/deactivate`, 'post', {}],
      [`/admin/users/${other.user.id}/password-reset`, 'post', {}],
      [
        `/admin/roles/${role.id}`,
        'put',
        { name: 'Hackeado', isAdmin: true, permissions: [], scopes: [] },
      ],
      [`/admin/roles/${role.id}`, 'delete', {}],
      [
        `/admin/teams/${team.id}`,
        'put',
        { name: 'Hackeado', memberIds: [], monthlyTarget: '1', currency: 'EUR' },
      ],
      [`/admin/teams/${team.id}`, 'delete', {}],
    ]
    for (const [url, method, body] of writes) {
      const response = await write(client[method](url), admin, body)
      response.assertStatus(404)
    }
    await other.user.refresh()
    await role.refresh()
    await team.refresh()
    assert.notEqual(other.user.fullName, 'Hackeado')
    assert.isTrue(Boolean(other.user.isActive))
    assert.equal(role.name, 'Ajeno')
    assert.isFalse(Boolean(role.isAdmin))
    assert.equal(team.name, 'Equipo Ajeno')
  })
})
