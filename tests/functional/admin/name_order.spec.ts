import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Role from '#models/role'
import { backfillNormalized } from '#database/migrations/0009_add_normalized_names'
import { dbTimestamp } from '#app/support/dates'
import { createTeam, createUser } from '#tests/helpers/world'
import { adminWorld, write } from './_helpers.js'

/*
 * Users, roles and teams are listed by a normalized name (lowercase, no accents) stored beside
 * the name: sorting on the raw name put "Álvaro" after "Zoe" on SQLite (bytes) but not on
 * MariaDB (accent-folding collation), so each database paged differently.
 */
test.group('Admin · lists sorted and searched by normalized name', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('users: accents and case do not change the order, across pages', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    const names = [
      'Zoe Zamora',
      'álvaro Pérez',
      'Beatriz Gil',
      'Ñandú Núñez',
      'Óscar Ortega',
      'ana belén',
    ]
    for (const fullName of names) await createUser(org, {}, { fullName })
    for (let i = 0; i < 24; i++)
      await createUser(org, {}, { fullName: `Persona ${String(i).padStart(2, '0')}` })

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: any = await client
        .get(`/admin/users${cursor ? `?cursor=${cursor}` : ''}`)
        .loginAs(admin)
        .withInertia()
      seen.push(...page.inertiaProps.users.map((u: any) => u.fullName))
      cursor = page.inertiaProps.next
    } while (cursor)
    assert.deepEqual(seen, [
      'álvaro Pérez',
      'Ana Administradora',
      'ana belén',
      'Beatriz Gil',
      'Ñandú Núñez',
      'Óscar Ortega',
      ...Array.from({ length: 24 }, (_, i) => `Persona ${String(i).padStart(2, '0')}`),
      'Zoe Zamora',
    ])
  })

  test('users: the search ignores accents and case in names, and still finds e-mails', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await createUser(org, {}, { fullName: 'Álvaro Pérez' })
    await createUser(org, {}, { fullName: 'Ñandú Núñez', email: 'nandu.n@prueba.test' })
    const search = async (q: string) => {
      const response = await client
        .get(`/admin/users?q=${encodeURIComponent(q)}`)
        .loginAs(admin)
        .withInertia()
      return (response.inertiaProps.users as any[]).map((u) => u.fullName)
    }
    assert.deepEqual(await search('alvaro'), ['Álvaro Pérez'])
    assert.deepEqual(await search('ÁLVARO PÉ'), ['Álvaro Pérez'])
    assert.deepEqual(await search('nunez'), ['Ñandú Núñez'])
    assert.deepEqual(await search('Núñez'), ['Ñandú Núñez'])
    assert.deepEqual(await search('NANDU.N@'), ['Ñandú Núñez'])
  })

  test('roles and teams: accents and case do not change the order', async ({ client, assert }) => {
    const { org, admin } = await adminWorld()
    for (const name of ['Zeta', 'álgebra', 'Beta', 'Éxito'])
      await Role.create({ organizationId: org.id, name, isAdmin: false })
    for (const name of ['Equipo Zafiro', 'equipo Ámbar', 'Equipo Norte'])
      await createTeam(org, null, [], name)

    const roles = await client.get('/admin/roles').loginAs(admin).withInertia()
    const roleNames = (roles.inertiaProps.roles as any[])
      .map((r) => r.name)
      .filter((n) => !n.startsWith('Rol '))
    assert.deepEqual(roleNames, ['álgebra', 'Beta', 'Éxito', 'Zeta'])
    const teams = await client.get('/admin/teams').loginAs(admin).withInertia()
    assert.deepEqual(
      (teams.inertiaProps.teams as any[]).map((t) => t.name),
      ['equipo Ámbar', 'Equipo Norte', 'Equipo Zafiro']
    )
  })

  test('the create and edit forms keep the normalized names up to date', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await adminWorld()
    await write(client.post('/admin/users'), admin, {
      fullName: 'Íñigo  Ibáñez',
      email: 'inigo@prueba.test',
      locale: 'es',
      timezone: 'Europe/Madrid',
      roleIds: [],
      reportsToId: null,
      isActive: false,
      passwordMode: 'set',
      password: 'clave-inicial-123',
    })
    const user = await db
      .from('users')
      .where({ organization_id: org.id, email: 'inigo@prueba.test' })
      .firstOrFail()
    assert.equal(user.full_name_normalized, 'inigo ibanez')
    await write(client.put(`/admin/users/${user.id}`), admin, {
      fullName: 'Ésther Ruiz',
      email: 'inigo@prueba.test',
      locale: 'es',
      timezone: 'Europe/Madrid',
      roleIds: [],
    })
    assert.equal(
      (await db.from('users').where('id', user.id).firstOrFail()).full_name_normalized,
      'esther ruiz'
    )

    await write(client.post('/admin/roles'), admin, {
      name: 'Dirección Comercial',
      isAdmin: false,
      permissions: [],
      scopes: [],
    })
    const role = await db
      .from('roles')
      .where({ organization_id: org.id, name: 'Dirección Comercial' })
      .firstOrFail()
    assert.equal(role.name_normalized, 'direccion comercial')
    await write(client.put(`/admin/roles/${role.id}`), admin, {
      name: 'Gestión',
      isAdmin: false,
      permissions: [],
      scopes: [],
    })
    assert.equal(
      (await db.from('roles').where('id', role.id).firstOrFail()).name_normalized,
      'gestion'
    )

    await write(client.post('/admin/teams'), admin, {
      name: 'Equipo Málaga',
      memberIds: [],
      monthlyTarget: '0',
      currency: 'EUR',
    })
    const team = await db
      .from('teams')
      .where({ organization_id: org.id, name: 'Equipo Málaga' })
      .firstOrFail()
    assert.equal(team.name_normalized, 'equipo malaga')
    await write(client.put(`/admin/teams/${team.id}`), admin, {
      name: 'Equipo Córdoba',
      memberIds: [],
      monthlyTarget: '0',
      currency: 'EUR',
    })
    assert.equal(
      (await db.from('teams').where('id', team.id).firstOrFail()).name_normalized,
      'equipo cordoba'
    )
  })

  test('the migration fills the column of rows written before it, in batches', async ({
    assert,
  }) => {
    const { org } = await adminWorld()
    const now = dbTimestamp()
    const ids: number[] = []
    for (const name of ['Ágata Ñ', 'BRUNO', 'César  Díaz', 'dolores']) {
      await db.table('teams').insert({
        organization_id: org.id,
        name,
        monthly_target_minor: 0,
        currency: 'EUR',
        created_at: now,
        updated_at: now,
      })
      ids.push(
        Number((await db.from('teams').where({ organization_id: org.id, name }).firstOrFail()).id)
      )
    }
    // Raw inserts skip the model: the column has only its default until the backfill runs.
    assert.deepEqual(
      (await db.from('teams').whereIn('id', ids).orderBy('id')).map((t) => t.name_normalized),
      ['', '', '', '']
    )
    const updated = await backfillNormalized(
      db,
      { table: 'teams', source: 'name', column: 'name_normalized', length: 120 },
      2
    )
    assert.isAtLeast(updated, 4)
    assert.deepEqual(
      (await db.from('teams').whereIn('id', ids).orderBy('id')).map((t) => t.name_normalized),
      ['agata n', 'bruno', 'cesar diaz', 'dolores']
    )
  })

  test('on SQLite the users list seeks the (organization, normalized name, id) index', async ({
    assert,
  }) => {
    if (!['sqlite3', 'better-sqlite3'].includes(db.connection().dialect.name)) {
      const indexes = await db.rawQuery('SHOW INDEX FROM users WHERE Key_name = ?', [
        'users_org_name_norm_idx',
      ])
      assert.deepEqual(
        indexes[0].map((r: any) => r.Column_name),
        ['organization_id', 'full_name_normalized', 'id']
      )
      return
    }
    const { sql, bindings } = db
      .from('users as u')
      .where('u.organization_id', 1)
      .where('u.full_name_normalized', '>=', 'm')
      .orderBy('u.full_name_normalized')
      .orderBy('u.id')
      .limit(26)
      .select('u.id')
      .toSQL()
      .toNative()
    const plan = await db.rawQuery(`EXPLAIN QUERY PLAN ${sql}`, bindings as any[])
    const detail = plan.map((r: any) => r.detail).join('; ')
    assert.match(
      detail,
      /INDEX users_org_name_norm_idx \(organization_id=\? AND full_name_normalized>\?\)/,
      detail
    )
  })
})
