import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { forgetGrants } from '#app/support/cache'
import type Organization from '#models/organization'
import User from '#models/user'
import { RoleFactory } from '#database/factories/role_factory'
import { AccessContext } from '#app/access/access_context'
import { ScopeResolver, loadGrants } from '#app/access/scope_resolver'
import type { Scope } from '#app/registry/types'
import { createOrganization, createTeam, createUser, type RoleSpec } from '#tests/helpers/world'
import { registerProbePermissionKeys } from '#app/access/permission_keys'

const RESOURCE = 'pruebas.registros'
const VIEW = `${RESOURCE}.view`
/** The probe resource is declared by no manifest: its keys are registered for these tests. */
const PROBE_KEYS = ['view', 'edit', 'delete', 'export'].map((a) => `${RESOURCE}.${a}`)
/** A table of owned rows made for these tests (created outside any transaction, dropped after). */
const TABLE = 'platform_scope_probe'

const viewer = (scope?: Scope): RoleSpec => ({
  permissions: [VIEW],
  scopes: scope ? { [RESOURCE]: scope } : {},
})

/** Adds a second role to a user. */
async function addRole(user: User, role: RoleSpec) {
  const created = await RoleFactory.merge({
    organizationId: user.organizationId,
    isAdmin: !!role.isAdmin,
  }).create()
  if (role.permissions?.length)
    await db
      .table('role_permissions')
      .multiInsert(role.permissions.map((permission) => ({ role_id: created.id, permission })))
  for (const [resource, scope] of Object.entries(role.scopes ?? {}))
    await db.table('role_scopes').insert({ role_id: created.id, resource, scope })
  await db.table('user_roles').insert({ user_id: user.id, role_id: created.id })
  // Written straight to the tables, not through the admin actions that drop cached grants.
  await forgetGrants()
}

async function ownersVisibleTo(user: User, resource = RESOURCE) {
  const constraint = await (await AccessContext.forUser(user)).constraint(resource)
  return constraint
}

const ids = (...users: User[]) => users.map((u) => u.id).sort((a, b) => a - b)

async function reportingTo(
  org: Organization,
  boss: User | null,
  role: RoleSpec = viewer('hierarchy')
) {
  return createUser(org, role, { reportsToId: boss?.id ?? null })
}

test.group('Access · record scopes', (group) => {
  group.setup(() => registerProbePermissionKeys(PROBE_KEYS))
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('own: only rows I own (and own is the default when a role grants view without a scope)', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const me = await createUser(org, viewer('own'))
    const defaulted = await createUser(org, viewer())
    await createUser(org, viewer('own'))
    assert.deepEqual(await ownersVisibleTo(me), { kind: 'owners', ownerIds: [me.id] })
    assert.deepEqual(await ownersVisibleTo(defaulted), { kind: 'owners', ownerIds: [defaulted.id] })
  })

  test('team: a member sees the members and the leader of their teams, not other teams', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const leader = await createUser(org)
    const member = await createUser(org, viewer('team'))
    const colleague = await createUser(org)
    const outsider = await createUser(org)
    await createTeam(org, leader, [member, colleague], 'Norte')
    await createTeam(org, null, [outsider], 'Sur')

    assert.deepEqual(await ownersVisibleTo(member), {
      kind: 'owners',
      ownerIds: ids(leader, member, colleague),
    })
  })

  test('team: a leader who is not a member sees the team; a member of two teams sees both', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const leader = await createUser(org, viewer('team'))
    const a = await createUser(org, viewer('team'))
    const b = await createUser(org)
    const c = await createUser(org)
    await createTeam(org, leader, [a, b], 'Norte')
    await createTeam(org, null, [a, c], 'Centro')

    assert.deepEqual(await ownersVisibleTo(leader), { kind: 'owners', ownerIds: ids(leader, a, b) })
    assert.deepEqual(await ownersVisibleTo(a), { kind: 'owners', ownerIds: ids(leader, a, b, c) })
  })

  test('team: a team of another organization never counts', async ({ assert }) => {
    const org = await createOrganization()
    const me = await createUser(org, viewer('team'))
    const elsewhere = await createOrganization()
    const foreign = await createUser(elsewhere)
    // A corrupt row putting me in another organization's team.
    const team = await createTeam(elsewhere, foreign, [], 'Ajeno')
    await db.table('team_members').insert({ team_id: team.id, user_id: me.id })
    assert.deepEqual(await ownersVisibleTo(me), { kind: 'owners', ownerIds: [me.id] })
  })

  test('hierarchy: transitive (A ← B ← C), never upwards or sideways', async ({ assert }) => {
    const org = await createOrganization()
    const a = await reportingTo(org, null)
    const b = await reportingTo(org, a)
    const c = await reportingTo(org, b)
    const sibling = await reportingTo(org, null)
    await reportingTo(org, sibling)

    assert.deepEqual(await ownersVisibleTo(a), { kind: 'owners', ownerIds: ids(a, b, c) })
    assert.deepEqual(await ownersVisibleTo(b), { kind: 'owners', ownerIds: ids(b, c) })
    assert.deepEqual(await ownersVisibleTo(c), { kind: 'owners', ownerIds: [c.id] })
  })

  test('hierarchy: a reporting loop terminates, and other organizations are left out', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const a = await reportingTo(org, null)
    const b = await reportingTo(org, a)
    const c = await reportingTo(org, b)
    await User.query().where('id', a.id).update({ reports_to_id: c.id })
    const foreign = await createUser(await createOrganization(), {}, { reportsToId: a.id })

    const constraint = await ownersVisibleTo(a)
    assert.deepEqual(constraint, { kind: 'owners', ownerIds: ids(a, b, c) })
    assert.notInclude((constraint as any).ownerIds, foreign.id)
  })

  test('all, administrator, and no view permission', async ({ assert }) => {
    const org = await createOrganization()
    const all = await createUser(org, viewer('all'))
    const admin = await createUser(org, { isAdmin: true })
    const blind = await createUser(org, {
      permissions: [`${RESOURCE}.edit`],
      scopes: { [RESOURCE]: 'all' },
    })
    const nobody = await createUser(org, {})

    assert.deepEqual(await ownersVisibleTo(all), { kind: 'all' })
    assert.deepEqual(await ownersVisibleTo(admin), { kind: 'all' })
    assert.deepEqual(
      await ownersVisibleTo(admin, 'otro.recurso'),
      { kind: 'all' },
      'an administrator needs no permission rows'
    )
    assert.deepEqual(
      await ownersVisibleTo(blind),
      { kind: 'none' },
      'a scope without view grants nothing'
    )
    assert.deepEqual(await ownersVisibleTo(nobody), { kind: 'none' })
    assert.deepEqual(
      await ownersVisibleTo(all, 'otro.recurso'),
      { kind: 'none' },
      'scopes are per resource'
    )
  })

  test('several roles add up, but a role widens the scope only where it may view', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const boss = await createUser(org, { permissions: [] })
    const report = await reportingTo(org, boss, {})
    const mate = await createUser(org)
    await createTeam(org, null, [boss, mate], 'Equipo')

    assert.deepEqual(await ownersVisibleTo(boss), { kind: 'none' })
    await addRole(boss, { scopes: { [RESOURCE]: 'hierarchy' } })
    assert.deepEqual(await ownersVisibleTo(boss), { kind: 'none' }, 'still no view permission')
    await addRole(boss, { permissions: [VIEW], scopes: { [RESOURCE]: 'team' } })
    assert.deepEqual(
      await ownersVisibleTo(boss),
      { kind: 'owners', ownerIds: ids(boss, mate) },
      'the hierarchy scope of a role without view does not count'
    )
    // A role that may only export, with scope "all", must not widen what the user sees.
    await addRole(boss, { permissions: [`${RESOURCE}.export`], scopes: { [RESOURCE]: 'all' } })
    assert.deepEqual(await ownersVisibleTo(boss), { kind: 'owners', ownerIds: ids(boss, mate) })
    await addRole(boss, { permissions: [VIEW], scopes: { [RESOURCE]: 'hierarchy' } })
    assert.deepEqual(
      await ownersVisibleTo(boss),
      { kind: 'owners', ownerIds: ids(boss, report, mate) },
      'team + hierarchy from viewing roles add up'
    )
    await addRole(boss, { permissions: [VIEW], scopes: { [RESOURCE]: 'all' } })
    assert.deepEqual(await ownersVisibleTo(boss), { kind: 'all' })

    const grants = await loadGrants(boss.id)
    assert.sameMembers([...grants.scopes.get(VIEW)!], ['hierarchy', 'team', 'all'])
    assert.sameMembers([...grants.scopes.get(`${RESOURCE}.export`)!], ['all'])
    assert.isFalse(grants.isAdmin)
    await addRole(boss, { isAdmin: true })
    assert.isTrue((await loadGrants(boss.id)).isAdmin)
  })

  test("scopes are per action: a role's scope counts for an action only if that role grants it", async ({
    assert,
  }) => {
    const org = await createOrganization()
    const me = await createUser(org, {
      permissions: [VIEW, `${RESOURCE}.edit`],
      scopes: { [RESOURCE]: 'own' },
    })
    const mate = await createUser(org)
    await createTeam(org, null, [me, mate], 'Equipo')
    await addRole(me, { permissions: [VIEW], scopes: { [RESOURCE]: 'all' } })
    const access = await AccessContext.forUser(me)
    assert.deepEqual(await access.constraint(RESOURCE), { kind: 'all' })
    assert.deepEqual(await access.constraint(RESOURCE, 'edit'), {
      kind: 'owners',
      ownerIds: [me.id],
    })
    assert.deepEqual(
      await access.constraint(RESOURCE, 'delete'),
      { kind: 'none' },
      'no role grants delete'
    )
    assert.isTrue(await access.canSee(RESOURCE, mate.id))
    assert.isFalse(await access.canSee(RESOURCE, mate.id, undefined, 'edit'))

    // An action never reaches past what the user may see: edit "all" with view "team" is team.
    const other = await createUser(org, { permissions: [VIEW], scopes: { [RESOURCE]: 'team' } })
    await createTeam(org, null, [other, mate], 'Otro equipo')
    await addRole(other, { permissions: [`${RESOURCE}.edit`], scopes: { [RESOURCE]: 'all' } })
    const theirs = await AccessContext.forUser(other)
    assert.deepEqual(await theirs.constraint(RESOURCE, 'edit'), {
      kind: 'owners',
      ownerIds: ids(other, mate),
    })
  })

  test('an unknown scope value in the database is ignored (falls back to own)', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const me = await createUser(org, { permissions: [VIEW] })
    const role = await db.from('user_roles').where('user_id', me.id).first()
    await db
      .table('role_scopes')
      .insert({ role_id: role.role_id, resource: RESOURCE, scope: 'galaxy' })
    assert.deepEqual(await ownersVisibleTo(me), { kind: 'owners', ownerIds: [me.id] })
  })

  test('the resolver computes team and hierarchy once per request', async ({ assert }) => {
    const org = await createOrganization()
    const me = await createUser(org, viewer('team'))
    const resolver = new ScopeResolver(me.id, org.id, await loadGrants(me.id))
    const first = resolver.teamMembers()
    assert.strictEqual(resolver.teamMembers(), first)
    assert.strictEqual(resolver.subordinates(), resolver.subordinates())
  })
})

test.group('Access · scope() on real queries', (group) => {
  group.setup(() => registerProbePermissionKeys(PROBE_KEYS))
  group.setup(async () => {
    // DDL outside any transaction: MySQL/MariaDB would commit the test transaction.
    await db.connection().schema.dropTableIfExists(TABLE)
    await db.connection().schema.createTable(TABLE, (table) => {
      table.increments('id')
      table.integer('organization_id').unsigned().notNullable()
      table.integer('owner_id').unsigned().nullable()
      table.string('title', 80).notNullable()
    })
    return () => db.connection().schema.dropTableIfExists(TABLE)
  })
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function world() {
    const org = await createOrganization()
    const other = await createOrganization()
    const boss = await reportingTo(org, null, viewer('hierarchy'))
    const rep = await reportingTo(org, boss, viewer('own'))
    const peer = await createUser(org, viewer('team'))
    const admin = await createUser(org, { isAdmin: true })
    const all = await createUser(org, viewer('all'))
    const none = await createUser(org, {})
    await createTeam(org, null, [peer, rep], 'Norte')
    const foreigner = await createUser(other, { isAdmin: true })
    await db.table(TABLE).multiInsert([
      { organization_id: org.id, owner_id: boss.id, title: 'del jefe' },
      { organization_id: org.id, owner_id: rep.id, title: 'del comercial' },
      { organization_id: org.id, owner_id: peer.id, title: 'del compañero' },
      { organization_id: org.id, owner_id: null, title: 'sin propietario' },
      // Another organization's rows, even one claiming an owner of ours.
      { organization_id: other.id, owner_id: foreigner.id, title: 'ajeno' },
      { organization_id: other.id, owner_id: rep.id, title: 'ajeno con dueño nuestro' },
    ])
    return { org, other, boss, rep, peer, admin, all, none, foreigner }
  }

  const titles = async (user: User) => {
    const access = await AccessContext.forUser(user)
    const query = db.from(TABLE).select('title').orderBy('id')
    await access.scope(query, RESOURCE)
    return (await query).map((r) => r.title)
  }

  test("each scope lists exactly its rows and never another organization's", async ({ assert }) => {
    const w = await world()
    assert.deepEqual(await titles(w.rep), ['del comercial'])
    assert.deepEqual(await titles(w.boss), ['del jefe', 'del comercial'])
    assert.deepEqual(await titles(w.peer), ['del comercial', 'del compañero'])
    assert.deepEqual(await titles(w.all), [
      'del jefe',
      'del comercial',
      'del compañero',
      'sin propietario',
    ])
    assert.deepEqual(await titles(w.admin), [
      'del jefe',
      'del comercial',
      'del compañero',
      'sin propietario',
    ])
    assert.deepEqual(await titles(w.none), [])
    assert.deepEqual(await titles(w.foreigner), ['ajeno', 'ajeno con dueño nuestro'])
  })

  test('counts and joins take the same constraint (table alias and owner column options)', async ({
    assert,
  }) => {
    const w = await world()
    const access = await AccessContext.forUser(w.boss)
    const count = db.from(TABLE).count('* as total')
    await access.scope(count, RESOURCE)
    assert.equal(Number((await count)[0].total), 2)

    const joined = db
      .from(`${TABLE} as p`)
      .join('users as u', 'u.id', 'p.owner_id')
      .select('p.title', 'u.full_name')
      .orderBy('p.id')
    await access.scope(joined, RESOURCE, { table: 'p' })
    assert.deepEqual(
      (await joined).map((r) => r.title),
      ['del jefe', 'del comercial']
    )
  })

  test('a Lucid model query on the users table: a manager sees the people who report to them', async ({
    assert,
  }) => {
    const w = await world()
    const access = await AccessContext.forUser(w.boss)
    const visible = User.query().orderBy('id')
    await access.scope(visible, RESOURCE, { ownerColumn: 'id' })
    assert.deepEqual(
      (await visible).map((u) => u.id),
      ids(w.boss, w.rep)
    )
    const forAll = User.query()
    await (await AccessContext.forUser(w.all)).scope(forAll, RESOURCE, { ownerColumn: 'id' })
    assert.isTrue((await forAll).every((u) => u.organizationId === w.org.id))
    assert.lengthOf(await forAll, 6)
  })

  test('scope() constrains the query in place and runs nothing itself (a query builder is thenable)', async ({
    assert,
  }) => {
    const w = await world()
    const access = await AccessContext.forUser(w.rep)
    let executed = 0
    const query = db.from(TABLE).select('title')
    query.knexQuery.on('query', () => executed++)
    const returned: unknown = await access.scope(query, RESOURCE)
    assert.isUndefined(returned)
    assert.equal(executed, 0, 'awaiting scope() must not execute the (unpaginated) query')
    assert.deepEqual(
      (await query).map((r) => r.title),
      ['del comercial']
    )
    assert.equal(executed, 1)
  })

  test('canSee agrees with scope(); a row without owner is visible only with all', async ({
    assert,
  }) => {
    const w = await world()
    const rep = await AccessContext.forUser(w.rep)
    assert.isTrue(await rep.canSee(RESOURCE, w.rep.id))
    assert.isFalse(await rep.canSee(RESOURCE, w.boss.id))
    assert.isFalse(await rep.canSee(RESOURCE, null))

    const boss = await AccessContext.forUser(w.boss)
    assert.isTrue(await boss.canSee(RESOURCE, w.rep.id))
    assert.isFalse(await boss.canSee(RESOURCE, w.peer.id))

    const all = await AccessContext.forUser(w.all)
    assert.isTrue(await all.canSee(RESOURCE, null))
    assert.isTrue(await all.canSee(RESOURCE, w.peer.id))

    const none = await AccessContext.forUser(w.none)
    assert.isFalse(await none.canSee(RESOURCE, w.none.id))
    assert.isFalse(none.can(VIEW))
    assert.throws(() => none.authorize(VIEW))
    const admin = await AccessContext.forUser(w.admin)
    // Administrators hold every registered key; an unregistered one throws (permission_keys.ts).
    assert.isTrue(admin.can(`${RESOURCE}.delete`))
    assert.doesNotThrow(() => admin.authorize(`${RESOURCE}.delete`))
    assert.throws(() => admin.can('cualquier.cosa'), /"cualquier\.cosa" is not registered/)
  })
})
