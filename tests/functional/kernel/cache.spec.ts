import { test } from '@japa/runner'
import { Socket } from 'node:net'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { BentoCache } from 'bentocache'
import {
  cachedAuthSession,
  cachedAuthUser,
  cachedCount,
  cachedGrants,
  cachedUsers,
  forgetAuth,
  forgetGrants,
  forgetUsers,
  recordsChanged,
  type Store,
} from '#app/support/cache'
import { redisStore } from '#config/cache'
import { createUser, crud } from '#tests/helpers/world'
import { adminWorld, write } from '#tests/functional/admin/_helpers'

const REDIS = {
  host: process.env.REDIS_HOST ?? '127.0.0.1',
  port: Number(process.env.REDIS_PORT ?? 6379),
}
const required = process.env.CARTERA_REQUIRE_SERVICES === '1'
const redisUp = await new Promise<boolean>((resolve) => {
  const socket = new Socket()
  socket.setTimeout(500)
  socket.once('connect', () => resolve(true))
  socket.once('error', () => resolve(false))
  socket.once('timeout', () => resolve(false))
  socket.connect(REDIS.port, REDIS.host)
}).then((up) => up)

test.group('Cached grants and modules follow every change', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a role edited by an administrator takes effect on the holder’s next request', async ({
    client,
  }) => {
    const { org, admin } = await adminWorld(['sonda'])
    const rep = await createUser(org, { permissions: crud('sonda.items') })
    const role = await db.from('user_roles').where('user_id', rep.id).firstOrFail()
    ;(await client.get('/sonda/items').loginAs(rep)).assertStatus(200) // grants now cached

    const edit = await write(client.put(`/admin/roles/${role.role_id}`), admin, {
      name: 'Sin consulta',
      isAdmin: false,
      permissions: ['sonda.items.export'],
      scopes: [],
    })
    edit.assertStatus(302)
    ;(await client.get('/sonda/items').loginAs(rep)).assertStatus(403)
  })

  test('a module uninstalled for the organization closes its pages at once', async ({ client }) => {
    const { admin } = await adminWorld(['sonda'])
    ;(await client.get('/sonda/items').loginAs(admin)).assertStatus(200) // installed modules now cached
    ;(await write(client.post('/admin/modules/sonda/uninstall'), admin)).assertStatus(302)
    ;(await client.get('/sonda/items').loginAs(admin).redirects(0)).assertStatus(403)
  })
})

/**
 * Two caches built from config/cache.ts's "redis" store, each with its own memory layer, stand
 * for two app processes; the Redis bus must tell the second one of the first one's changes.
 */
async function twoInstances() {
  const build = async () =>
    new BentoCache({
      default: 'redis',
      stores: { redis: await redisStore().entry().resolver(app) },
    })
  const [one, two] = [await build(), await build()]
  // A new instance listens once its bus subscription is up: wait for a probe to cross.
  for (let i = 0; i < 50; i++) {
    await two.getOrSet({ key: 'probe', factory: async () => i })
    await one.delete({ key: 'probe' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    if ((await two.getOrSet({ key: 'probe', factory: async () => -1 })) === -1) break
  }
  return [one, two] as const
}

/** Reads through `read` on the other instance until it sees `expected` (a loaded machine: 5 s). */
async function seenOn<T>(read: () => Promise<T>, expected: T): Promise<T> {
  let seen = await read()
  for (let waited = 0; seen !== expected && waited < 5000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    seen = await read()
  }
  return seen
}

test.group('Cache shared by several app instances (CACHE_STORE=redis)', () => {
  test('an invalidation on one instance reaches the copy another instance keeps in memory', async ({
    assert,
  }) => {
    const [one, two] = await twoInstances()
    const userId = 900_000 + Math.floor(Math.random() * 1000)
    try {
      await forgetGrants(one)
      let granted = ['sonda.items.view']
      const load = async () => ({ permissions: new Set(granted) })
      assert.deepEqual([...(await cachedGrants(userId, load, one)).permissions], granted)
      assert.deepEqual([...(await cachedGrants(userId, load, two)).permissions], granted)

      granted = [] // an administrator takes the permission away …
      assert.lengthOf([...(await cachedGrants(userId, load, two)).permissions], 1, 'still cached')
      await forgetGrants(one) // … on instance one
      // The bus message crosses Redis within milliseconds; allow a loaded machine 5 s.
      let seen = 1
      for (let waited = 0; seen > 0 && waited < 5000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        seen = (await cachedGrants(userId, load, two)).permissions.size
      }
      assert.equal(seen, 0, 'instance two reads anew')
    } finally {
      await forgetGrants(one)
      await Promise.all([one.disconnectAll(), two.disconnectAll()])
    }
  })
    .skip(
      !redisUp && !required,
      `no Redis at ${REDIS.host}:${REDIS.port} (CACHE_STORE=redis is not tested)`
    )
    .timeout(20_000)

  test('a revoked session, a changed user, a written record and a new user reach the other instance at once', async ({
    assert,
  }) => {
    const [one, two] = await twoInstances()
    const userId = 900_000 + Math.floor(Math.random() * 1000)
    const organizationId = 900_000 + Math.floor(Math.random() * 1000)
    const session = `test-${userId}`
    // What the database holds, as each instance's loader would read it.
    const stored = { revoked: null as string | null, active: true, companies: 7, users: 3 }
    const sessionOn = (on: Store) =>
      cachedAuthSession(session, userId, async () => ({ revoked_at: stored.revoked }), on).then(
        (row) => row.revoked_at
      )
    const userOn = (on: Store) =>
      cachedAuthUser(userId, async () => ({ is_active: stored.active }), on).then(
        (u) => u.is_active
      )
    const countOn = (on: Store) =>
      cachedCount(organizationId, 'sonda.items', 'select …', async () => stored.companies, on)
    const usersOn = (on: Store) =>
      cachedUsers(`active:${organizationId}`, async () => stored.users, on)
    try {
      for (const on of [one, two]) {
        assert.isNull(await sessionOn(on))
        assert.isTrue(await userOn(on))
        assert.equal(await countOn(on), 7)
        assert.equal(await usersOn(on), 3)
      }

      // Instance one revokes the session (logout, all devices, password change, expiry) …
      stored.revoked = '2026-12-01 10:00:00'
      assert.isNull(await sessionOn(two), 'still cached on two')
      await forgetAuth(userId, null, one)
      assert.equal(
        await seenOn(() => sessionOn(two), stored.revoked),
        stored.revoked,
        'refused on two'
      )

      // … deactivates the user (or saves any change to them) …
      stored.active = false
      await forgetAuth(userId, null, one)
      assert.isFalse(await seenOn(() => userOn(two), false))

      // … creates a company …
      stored.companies = 8
      await recordsChanged(organizationId, 'sonda.items', null, one)
      assert.equal(await seenOn(() => countOn(two), 8), 8)

      // … and a user.
      stored.users = 4
      await forgetUsers(null, one)
      assert.equal(await seenOn(() => usersOn(two), 4), 4)
    } finally {
      await Promise.all([forgetAuth(userId, null, one), forgetUsers(null, one)])
      await Promise.all([one.disconnectAll(), two.disconnectAll()])
    }
  })
    .skip(
      !redisUp && !required,
      `no Redis at ${REDIS.host}:${REDIS.port} (CACHE_STORE=redis is not tested)`
    )
    .timeout(30_000)
})
