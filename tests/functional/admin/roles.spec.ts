import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Role from '#models/role'
import { moduleRegistry } from '#app/registry/main'
import { createUser } from '#tests/helpers/world'
import { adminWorld, fieldErrors, otherOrganization, write } from './_helpers.js'

async function permissionsOf(roleId: number) {
  return (await db.from('role_permissions').where('role_id', roleId).orderBy('permission')).map(
    (r) => r.permission
  )
}
async function scopesOf(roleId: number) {
  return Object.fromEntries(
    (await db.from('role_scopes').where('role_id', roleId)).map((r) => [r.resource, r.scope])
  )
}

test.group('Admin · roles and the permission matrix', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the list shows each role with its admin flag and number of users', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const role = await Role.create({ organizationId: org.id, name: 'Comercial', isAdmin: false })
    for (let i = 0; i < 2; i++) {
      const user = await createUser(org)
      await db.table('user_roles').insert({ user_id: user.id, role_id: role.id })
    }
    const response = await client.get('/admin/roles').loginAs(admin).withInertia()
    response.assertInertiaComponent('admin/roles/index')
    const comercial = (response.inertiaProps.roles as any[]).find((r) => r.name === 'Comercial')
    assert.deepInclude(comercial, { isAdmin: false, users: 2 })
    assert.isTrue((response.inertiaProps.roles as any[]).some((r) => r.isAdmin && r.users === 1))
  })

  test('the form lists every registered resource with its declared actions, and modules not installed', async ({
    client,
    assert,
  }) => {
    const { admin } = await adminWorld([])
    const registry = await moduleRegistry()
    const response = await client.get('/admin/roles/create').loginAs(admin).withInertia()
    response.assertInertiaComponent('admin/roles/form')
    const catalog = response.inertiaProps.catalog as any[]
    const resources = catalog.flatMap((m) => m.resources.map((r: any) => r.key))
    assert.deepEqual(
      resources,
      registry.resources().map((r) => r.key)
    )
    const sonda = catalog.find((m) => m.name === 'sonda')
    assert.isFalse(sonda.installed, 'sonda is not installed for this organization')
    assert.equal(sonda.label, 'sonda.module.label')
    assert.deepEqual(
      sonda.resources.map((r: any) => [r.key, r.actions]),
      registry
        .resources()
        .filter((r) => r.module === 'sonda')
        .map((r) => [r.key, r.actions])
    )
    assert.notDeepEqual(sonda.resources[0].actions, sonda.resources[1].actions)
    assert.deepEqual(response.inertiaProps.scopes, ['own', 'team', 'hierarchy', 'all'])
  })

  test('saving the matrix stores permissions and scopes, and a second save replaces them', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['sonda'])
    const created = await write(client.post('/admin/roles'), admin, {
      name: 'Comercial',
      description: 'Ve lo suyo',
      isAdmin: false,
      permissions: ['sonda.items.view', 'sonda.items.edit', 'sonda.notes.view'],
      scopes: [
        { resource: 'sonda.items', scope: 'own' },
        { resource: 'sonda.notes', scope: 'team' },
      ],
    })
    created.assertStatus(302)
    created.assertHeader('location', '/admin/roles')
    created.assertFlashMessage('success', 'Rol Comercial creado.')
    const role = await Role.query()
      .where({ organizationId: org.id, name: 'Comercial' })
      .firstOrFail()
    assert.deepEqual(await permissionsOf(role.id), [
      'sonda.items.edit',
      'sonda.items.view',
      'sonda.notes.view',
    ])
    assert.deepEqual(await scopesOf(role.id), { 'sonda.items': 'own', 'sonda.notes': 'team' })

    const form = await client.get(`/admin/roles/${role.id}/edit`).loginAs(admin).withInertia()
    assert.deepEqual(form.inertiaProps.role.scopes, {
      'sonda.items': 'own',
      'sonda.notes': 'team',
    })

    await write(client.put(`/admin/roles/${role.id}`), admin, {
      name: 'Comercial sénior',
      isAdmin: false,
      permissions: ['sonda.items.export'],
      scopes: [{ resource: 'sonda.items', scope: 'hierarchy' }],
    })
    assert.deepEqual(await permissionsOf(role.id), ['sonda.items.export'])
    assert.deepEqual(await scopesOf(role.id), { 'sonda.items': 'hierarchy' })
    await role.refresh()
    assert.equal(role.name, 'Comercial sénior')
    assert.isNull(role.description)

    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'kernel.role', subject_id: role.id, action: 'update' })
    const permissionsChange = audit.find((a) => a.field === 'permissions')
    assert.equal(permissionsChange.new_value, '["sonda.items.export"]')
    assert.includeMembers(
      audit.map((a) => a.field),
      ['name', 'description', 'permissions', 'scopes']
    )
  })

  test('unknown permission keys, resources or scopes are refused and nothing changes', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld(['sonda'])
    const role = await Role.create({ organizationId: org.id, name: 'Soporte', isAdmin: false })
    await db.table('role_permissions').insert({ role_id: role.id, permission: 'sonda.items.view' })
    const attempts = [
      { permissions: ['sonda.items.view', 'sonda.items.launch_missiles'], scopes: [] },
      { permissions: ['kernel.everything'], scopes: [] },
      { permissions: [], scopes: [{ resource: 'sonda.secrets', scope: 'all' }] },
      { permissions: [], scopes: [{ resource: 'sonda.items', scope: 'galaxy' }] },
    ]
    for (const attempt of attempts) {
      const response = await write(client.put(`/admin/roles/${role.id}`), admin, {
        name: 'Soporte',
        isAdmin: false,
        ...attempt,
      })
      response.assertStatus(302)
      const errors = fieldErrors(response)
      assert.isNotEmpty(
        Object.keys(errors).filter((k) => k.startsWith('permissions') || k.startsWith('scopes')),
        JSON.stringify(attempt)
      )
    }
    const forged = await write(client.put(`/admin/roles/${role.id}`), admin, {
      name: 'Soporte',
      isAdmin: false,
      permissions: ['sonda.nope.view'],
      scopes: [],
    })
    assert.equal(Object.values(fieldErrors(forged))[0], 'Uno de los permisos no existe')
    assert.deepEqual(await permissionsOf(role.id), ['sonda.items.view'])
  })

  test('role names are unique per organization, with a translated message', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await Role.create({ organizationId: org.id, name: 'Comercial', isAdmin: false })
    const other = await otherOrganization()
    await Role.create({ organizationId: other.org.id, name: 'Dirección', isAdmin: false })
    const taken = await write(client.post('/admin/roles'), admin, {
      name: 'Comercial',
      isAdmin: false,
      permissions: [],
      scopes: [],
    })
    assert.equal(fieldErrors(taken).name, 'Ya existe uno con ese nombre en su empresa')
    const elsewhere = await write(client.post('/admin/roles'), admin, {
      name: 'Dirección',
      isAdmin: false,
      permissions: [],
      scopes: [],
    })
    elsewhere.assertFlashMessage('success', 'Rol Dirección creado.')
  })

  test('the list and the form name who holds a role (the first five by name, and how many in all)', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const role = await Role.create({ organizationId: org.id, name: 'Comercial', isAdmin: false })
    const free = await Role.create({ organizationId: org.id, name: 'Libre', isAdmin: false })
    const names = [
      'Zoe Zamora',
      'Bea Blanco',
      'Ana Alonso',
      'Fran Fuentes',
      'Carla Castro',
      'Dani Díaz',
      'Eva Esteban',
    ]
    for (const fullName of names) {
      const user = await createUser(org, {}, { fullName })
      await db.table('user_roles').insert({ user_id: user.id, role_id: role.id })
    }
    // Somebody of another organization cannot hold it, and is never named.
    const { user: stranger } = await otherOrganization()
    await db.table('user_roles').insert({ user_id: stranger.id, role_id: free.id })

    const list = await client.get('/admin/roles').loginAs(admin).withInertia()
    const rows = list.inertiaProps.roles as any[]
    const comercial = rows.find((r) => r.name === 'Comercial')
    assert.equal(comercial.users, 7)
    assert.deepEqual(comercial.holders, [
      'Ana Alonso',
      'Bea Blanco',
      'Carla Castro',
      'Dani Díaz',
      'Eva Esteban',
    ])
    assert.deepEqual(rows.find((r) => r.name === 'Libre').holders, [])
    assert.deepEqual(rows.find((r) => r.isAdmin).holders, ['Ana Administradora'])

    const form = await client.get(`/admin/roles/${role.id}/edit`).loginAs(admin).withInertia()
    form.assertInertiaComponent('admin/roles/form')
    assert.deepInclude(form.inertiaProps.role as any, { users: 7, holders: comercial.holders })
  })

  test('a role held by users cannot be deleted; an unused one can', async ({ client, assert }) => {
    const { org, admin } = await adminWorld(['sonda'])
    const used = await Role.create({ organizationId: org.id, name: 'Usado', isAdmin: false })
    const user = await createUser(org)
    await db.table('user_roles').insert({ user_id: user.id, role_id: used.id })
    const refused = await write(client.delete(`/admin/roles/${used.id}`), admin)
    refused.assertFlashMessage(
      'error',
      'No se puede eliminar: un usuario tiene este rol. Quíteselo primero.'
    )
    assert.isNotNull(await Role.find(used.id))

    const unused = await Role.create({ organizationId: org.id, name: 'Libre', isAdmin: false })
    await db
      .table('role_permissions')
      .insert({ role_id: unused.id, permission: 'sonda.items.view' })
    const deleted = await write(client.delete(`/admin/roles/${unused.id}`), admin)
    deleted.assertFlashMessage('success', 'Rol Libre eliminado.')
    assert.isNull(await Role.find(unused.id))
    assert.lengthOf(await db.from('role_permissions').where('role_id', unused.id), 0)
    const audit = await db
      .from('audit_logs')
      .where({ subject_type: 'kernel.role', subject_id: unused.id, action: 'delete' })
    assert.isAbove(audit.length, 0)
  })
})
