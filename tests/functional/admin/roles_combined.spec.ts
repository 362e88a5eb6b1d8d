import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type Organization from '#models/organization'
import type User from '#models/user'
import { RoleFactory } from '#database/factories/role_factory'
import { createOrganization, createUser, crud, type RoleSpec } from '#tests/helpers/world'
import { write } from './_helpers.js'

/** Gives `user` one more role built from `spec` (createUser gives the first). */
async function grantRole(org: Organization, user: User, spec: RoleSpec) {
  const role = await RoleFactory.merge({ organizationId: org.id, isAdmin: false }).create()
  if (spec.permissions?.length) {
    await db
      .table('role_permissions')
      .multiInsert(spec.permissions.map((permission) => ({ role_id: role.id, permission })))
  }
  const scopes = Object.entries(spec.scopes ?? {})
  if (scopes.length)
    await db
      .table('role_scopes')
      .multiInsert(scopes.map(([resource, scope]) => ({ role_id: role.id, resource, scope })))
  await db.table('user_roles').insert({ user_id: user.id, role_id: role.id })
}

/** A probe item created through the sonda module as the administrator, given to `owner`. */
async function itemOf(client: ApiClient, admin: User, owner: User, name: string): Promise<number> {
  const response = await write(client.post('/sonda/items'), admin, {
    name,
    ownerId: owner.id,
  })
  response.assertStatus(302)
  const row = await db
    .from('sonda_items')
    .where({ organization_id: admin.organizationId, name })
    .firstOrFail()
  return Number(row.id)
}

test.group('Admin · a user with several roles', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test(
    'a second role that only exports, with scope "all", ' +
      'does not widen what the first role lets the user see',
    async ({ client, assert }) => {
      const org = await createOrganization(['sonda'])
      const admin = await createUser(org, { isAdmin: true }, { fullName: 'Ana Administradora' })
      // Role 1: sees companies, only their own. Role 2: may export, with scope "all", but not view.
      const user = await createUser(
        org,
        { permissions: ['sonda.items.view'], scopes: { 'sonda.items': 'own' } },
        { fullName: 'Rosa Dos Roles' }
      )
      await grantRole(org, user, {
        permissions: ['sonda.items.export'],
        scopes: { 'sonda.items': 'all' },
      })
      const colleague = await createUser(
        org,
        { permissions: crud('sonda.items'), scopes: { 'sonda.items': 'own' } },
        { fullName: 'Otro Comercial' }
      )

      const mine = await itemOf(client, admin, user, 'Empresa de Rosa')
      const theirs = await itemOf(client, admin, colleague, 'Empresa del compañero')

      const list = await client.get('/sonda/items').loginAs(user)
      list.assertStatus(200)
      assert.deepEqual(
        (list.body().items as any[]).map((c) => c.name),
        ['Empresa de Rosa']
      )
      assert.equal(list.body().count, 1)

      const own = await client.get(`/sonda/items/${mine}`).loginAs(user)
      own.assertStatus(200)
      const other = await client.get(`/sonda/items/${theirs}`).loginAs(user)
      other.assertStatus(404)

      // The export the second role allows still takes its rows from the same (own) scope.
      const csv = await client.get('/sonda/items/export').loginAs(user)
      csv.assertStatus(200)
      assert.include(csv.text(), 'Empresa de Rosa')
      assert.notInclude(csv.text(), 'Empresa del compañero')
    }
  )
})
