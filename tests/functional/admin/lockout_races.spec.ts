import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { setUserActive } from '#app/admin/users/set_user_active'
import { updateUser } from '#app/admin/users/update_user'
import { saveRole } from '#app/admin/roles/save_role'
import { saveTeam } from '#app/admin/teams/save_team'
import { deleteTeam } from '#app/admin/teams/delete_team'
import { deleteRole } from '#app/admin/roles/delete_role'
import { createUser as createUserAction } from '#app/admin/users/create_user'
import { RuleError } from '#app/support/rule_error'
import { createOrganization, createUser } from '#tests/helpers/world'

/*
 * Administrator changes racing each other, and every admin write run WITHOUT
 * `withGlobalTransaction`: inside a global test transaction concurrent `db.transaction` calls
 * become savepoints on one shared connection, which hides both the race and a query through
 * the global `db` inside a transaction (on SQLite, with its single pooled connection, that
 * query waits for the connection the transaction holds). Each test creates its own
 * organization; the rows stay (the test database is throw-away, see
 * tests/functional/kernel/no_global_transaction.spec.ts) but its users are deactivated
 * afterwards so they take no licence seat from later tests. Pool acquire time is cut so a
 * regression fails in seconds.
 */

const ACQUIRE_TIMEOUT_MS = 3_000

interface TarnPool {
  acquireTimeoutMillis: number
}

function pool(): TarnPool | undefined {
  const knex = db.connection().getWriteClient() as unknown as { client: { pool?: TarnPool } }
  return knex.client.pool
}

async function activeAdmins(organizationId: number): Promise<number[]> {
  const rows = await db
    .from('users as u')
    .join('user_roles as ur', 'ur.user_id', 'u.id')
    .join('roles as r', 'r.id', 'ur.role_id')
    .where('u.organization_id', organizationId)
    .where('u.is_active', true)
    .where('r.is_admin', true)
    .select('u.id')
  return [...new Set(rows.map((r) => Number(r.id)))]
}

/** Organizations created by the running test, whose users are deactivated after it. */
const created: number[] = []

async function organization() {
  const org = await createOrganization()
  created.push(org.id)
  return org
}

test.group('Admin · concurrent changes and transactions (no global test transaction)', (group) => {
  group.each.teardown(async () => {
    await db
      .from('users')
      .whereIn('organization_id', created.splice(0))
      .update({ is_active: false })
  })
  group.setup(() => {
    const p = pool()
    const previous = p?.acquireTimeoutMillis
    if (p) p.acquireTimeoutMillis = ACQUIRE_TIMEOUT_MS
    return () => {
      if (p && previous !== undefined) p.acquireTimeoutMillis = previous
    }
  })

  test('two administrators deactivating each other at the same moment: one wins, the other is refused', async ({
    assert,
  }) => {
    const org = await organization()
    const ana = await createUser(org, { isAdmin: true }, { fullName: 'Ana Admin' })
    const bea = await createUser(org, { isAdmin: true }, { fullName: 'Bea Admin' })

    const results = await Promise.allSettled([
      setUserActive({ organizationId: org.id, actorId: ana.id, userId: bea.id, active: false }),
      setUserActive({ organizationId: org.id, actorId: bea.id, userId: ana.id, active: false }),
    ])
    const fulfilled = results.filter((r) => r.status === 'fulfilled')
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    assert.lengthOf(fulfilled, 1, 'exactly one deactivation goes through')
    assert.lengthOf(rejected, 1)
    assert.instanceOf(rejected[0].reason, RuleError, String(rejected[0].reason))
    assert.lengthOf(
      await activeAdmins(org.id),
      1,
      'the organization keeps one active administrator'
    )
  })

  test('with a third administrator, the one deactivated first can no longer deactivate anyone', async ({
    assert,
  }) => {
    const org = await organization()
    const ana = await createUser(org, { isAdmin: true })
    const bea = await createUser(org, { isAdmin: true })
    const carla = await createUser(org, { isAdmin: true })

    const results = await Promise.allSettled([
      setUserActive({ organizationId: org.id, actorId: ana.id, userId: bea.id, active: false }),
      setUserActive({ organizationId: org.id, actorId: bea.id, userId: ana.id, active: false }),
    ])
    assert.lengthOf(
      results.filter((r) => r.status === 'fulfilled'),
      1
    )
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!
    assert.equal((refused.reason as RuleError).key, 'admin.users.errors.actor_not_admin')
    assert.sameMembers(await activeAdmins(org.id), [
      carla.id,
      results[0].status === 'fulfilled' ? ana.id : bea.id,
    ])
  })

  test('every administration write completes outside a test transaction (no query waits for the connection)', async ({
    assert,
  }) => {
    const org = await organization()
    const admin = await createUser(org, { isAdmin: true }, { fullName: 'Ana Admin' })
    const other = await createUser(org, {}, { fullName: 'Óscar Otro' })
    const actor = { organizationId: org.id, actorId: admin.id }

    // Created inactive: earlier tests may have used up the evaluation seats.
    const user = await createUserAction({
      ...actor,
      data: {
        fullName: 'Nuevo Usuario',
        email: `nuevo.${org.id}@prueba.test`,
        locale: 'es',
        timezone: 'Europe/Madrid',
        roleIds: [],
        isActive: false,
        passwordMode: 'set',
        password: 'clave-inicial-123',
      },
    })
    await updateUser({
      ...actor,
      userId: user.id,
      data: {
        fullName: 'Nuevo Renombrado',
        email: `nuevo.${org.id}@prueba.test`,
        locale: 'es',
        timezone: 'Europe/Madrid',
        roleIds: [],
        reportsToId: other.id,
      },
    })
    await setUserActive({ ...actor, userId: other.id, active: false })
    // Activation counts seats inside its transaction: it must answer, with or without a free seat.
    await setUserActive({ ...actor, userId: other.id, active: true }).catch((error) => {
      if (
        !(error instanceof RuleError) ||
        !error.key.startsWith('admin.users.errors.seats_exceeded')
      )
        throw error
    })
    const role = await saveRole({
      ...actor,
      data: { name: 'Comercial', isAdmin: false, permissions: [], scopes: [] },
    })
    await saveRole({
      ...actor,
      roleId: role.id,
      data: { name: 'Comercial sénior', isAdmin: false, permissions: [], scopes: [] },
    })
    await deleteRole({ ...actor, roleId: role.id })
    const team = await saveTeam({
      ...actor,
      data: {
        name: 'Equipo Sur',
        leaderId: admin.id,
        memberIds: [other.id],
        monthlyTarget: '100000',
        currency: 'EUR',
      },
    })
    await saveTeam({
      ...actor,
      teamId: team.id,
      data: {
        name: 'Equipo Sur',
        leaderId: null,
        memberIds: [],
        monthlyTarget: '0',
        currency: 'EUR',
      },
    })
    await deleteTeam({ ...actor, teamId: team.id })

    const renamed = await db.from('users').where('id', user.id).firstOrFail()
    assert.equal(renamed.full_name_normalized, 'nuevo renombrado')
    assert.isNull(await db.from('teams').where('id', team.id).first())
  })
})
