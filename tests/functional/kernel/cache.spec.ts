import { test } from '@japa/runner'
import { Socket } from 'node:net'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { BentoCache } from 'bentocache'
import { cachedGrants, forgetGrants } from '#app/support/cache'
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
    const { org, admin } = await adminWorld(['crm'])
    const rep = await createUser(org, { permissions: crud('crm.companies') })
    const role = await db.from('user_roles').where('user_id', rep.id).firstOrFail()
    ;(await client.get('/crm/companies').loginAs(rep)).assertStatus(200) // grants now cached

    const edit = await write(client.put(`/admin/roles/${role.role_id}`), admin, {
      name: 'Sin empresas',
      isAdmin: false,
      permissions: ['crm.contacts.view'],
      scopes: [],
    })
    edit.assertStatus(302)
    ;(await client.get('/crm/companies').loginAs(rep)).assertStatus(403)
  })

  test('a module uninstalled for the organization closes its pages at once', async ({ client }) => {
    const { admin } = await adminWorld(['crm'])
    ;(await client.get('/crm/companies').loginAs(admin)).assertStatus(200) // installed modules now cached
    ;(await write(client.post('/admin/modules/crm/uninstall'), admin)).assertStatus(302)
    ;(await client.get('/crm/companies').loginAs(admin).redirects(0)).assertStatus(403)
  })
})

test.group('Cache shared by several app instances (CACHE_STORE=redis)', () => {
  test('an invalidation on one instance reaches the copy another instance keeps in memory', async ({
    assert,
  }) => {
    // Two caches built from config/cache.ts's "redis" store, each with its own memory layer,
    // stand for two app processes; the Redis bus must tell the second one.
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
    const userId = 900_000 + Math.floor(Math.random() * 1000)
    try {
      await forgetGrants(one)
      let granted = ['crm.companies.view']
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
})
