import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { createOrganization, createTeam, createUser } from '#tests/helpers/world'

const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE']
const REFUSAL = 'La página ha caducado. Recárguela e inténtelo de nuevo.'

/**
 * Routes allowed to skip the CSRF check, with the reason. None today: an entry here must be a
 * deliberate, reviewed decision (and a stale entry fails the test).
 */
const EXEMPT: Record<string, string> = {}

/**
 * Modules' public routes (/p/<module>/:organization/…, start/routes/public.ts) run without a
 * session, so no CSRF token exists for them: a state-changing one is exempt ONLY when it carries
 * the kernel's webhook or signed-link guard (the kernel refuses to boot otherwise), and the walk
 * below checks that such a request without a signature is refused and changes nothing.
 */
const PUBLIC_GUARDS = ['publicWebhook', 'publicSigned']
const isPublic = (pattern: string) => pattern.startsWith('/p/')
/** The modules of the walk's organization (the fixture package modules). */
const ENABLED_MODULES = ['sonda', 'ejemplo']

/**
 * Tables a refused request could have written to: every table of the schema (kernel and modules
 * alike), except the sessions each signed-in test request opens. Read once, before the test's
 * transaction (the schema query takes a connection of its own).
 */
const SIGN_IN_TABLES = ['user_sessions']
const WATCHED: string[] = []
async function readWatchedTables() {
  WATCHED.splice(0)
  for (const name of await db.connection().getAllTables())
    if (!name.startsWith('adonis_schema') && !SIGN_IN_TABLES.includes(name)) WATCHED.push(name)
}

/** Every registered state-changing route (all domains), one entry per method. */
function stateChangingRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .flatMap((route) =>
      route.methods
        .filter((m) => STATE_CHANGING.includes(m))
        .map((method) => ({
          method,
          pattern: route.pattern,
          name: route.name,
          guards: [...route.middleware.all()]
            .map((one: any) => one.name as string | undefined)
            .filter((name) => name && PUBLIC_GUARDS.includes(name)),
        }))
    )
}

/** Fills `:param` segments with a real row of the resource named just before it. */
function fill(pattern: string, ids: Record<string, number | string>) {
  return pattern
    .replace(/:organization\b/g, String(ids.organization))
    .replace(/\/([^/]+)\/:(\w+)\??/g, (_, resource: string, param: string) => {
      if (param === 'name') return `/${resource}/sonda`
      // A resource key (documents of any resource that accepts them).
      if (param === 'resource') return `/${resource}/sonda.items`
      return `/${resource}/${ids[resource] ?? 1}`
    })
    .replace(/:\w+\??/g, '1')
}

async function snapshot(ids: Record<string, number | string>, victim: User) {
  const counts: Record<string, unknown> = {}
  for (const table of WATCHED)
    counts[table] = (await db.from(table).count('* as total').first())?.total
  return {
    counts,
    victim: await db.from('users').where('id', victim.id).first(),
    item: await db.from('sonda_items').where('id', ids.items).first(),
    role: await db.from('roles').where('id', ids.roles).first(),
    team: await db.from('teams').where('id', ids.teams).first(),
    installs: await db.from('module_installations').orderBy('id'),
  }
}

/** A body that passes the usual validators, so only the missing token can stop the write. */
const PROBE = {
  name: 'Sonda CSRF',
  type: 'cliente',
  firstName: 'Sonda',
  body: 'Nota sonda',
  email: 'sonda@prueba.test',
  fullName: 'Sonda',
  locale: 'en',
}

test.group('CSRF covers every state-changing route', (group) => {
  group.setup(() => readWatchedTables())
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function world(client: ApiClient) {
    // With the fixture package module, whose public webhook the walk reaches.
    const org = await createOrganization(ENABLED_MODULES)
    const admin = await createUser(org, { isAdmin: true })
    const victim = await createUser(org, {}, { fullName: 'Víctor Víctima' })
    const role = await db.from('user_roles').where('user_id', victim.id).firstOrFail()
    const team = await createTeam(org, admin, [victim])
    // Real rows through the real route (with the token): also shows that a valid token gets in.
    const created = await createWith(client, admin, '/sonda/items', { name: 'Elemento Diana' })
    const ids = {
      items: created,
      users: victim.id,
      roles: role.role_id,
      teams: team.id,
      // Public routes take the organization's slug.
      organization: org.slug,
      // Settings routes take a currency code and a list key.
      currencies: 'EUR',
      lists: 'sonda.colores',
    }
    return { org, admin, victim, ids }
  }

  async function createWith(
    client: ApiClient,
    user: User,
    url: string,
    body: Record<string, unknown>
  ) {
    const response = await client.post(url).json(body).loginAs(user).withCsrfToken().redirects(0)
    response.assertStatus(302)
    const id = Number(String(response.header('location')).split('/').pop())
    if (!Number.isInteger(id))
      throw new Error(`${url} with a token did not create a row: ${response.header('location')}`)
    return id
  }

  test("each one refuses a signed-in administrator's request without a token, and nothing changes", async ({
    client,
    assert,
  }) => {
    const { admin, victim, ids } = await world(client)
    const routes = stateChangingRoutes()
    assert.isAbove(routes.length, 10, 'the router enumeration saw the application routes')
    const keys = routes.map((r) => `${r.method} ${r.pattern}`)
    assert.includeMembers(keys, [
      'POST /login',
      'POST /admin/users',
      'POST /sonda/items',
      'DELETE /sonda/items/:id',
    ])
    for (const key of Object.keys(EXEMPT))
      assert.include(keys, key, `stale CSRF exemption "${key}"`)

    assert.includeMembers(WATCHED, ['users', 'audit_logs', 'sonda_items', 'ejemplo_notas'])
    const before = await snapshot(ids, victim)
    const unprotected: string[] = []
    let checked = 0
    let publicChecked = 0
    for (const route of routes) {
      const key = `${route.method} ${route.pattern}`
      if (EXEMPT[key]) continue
      const url = fill(route.pattern, ids)
      if (isPublic(route.pattern)) {
        // Exempt from CSRF only through the guard: unsigned, it is refused (401/403), no write.
        // A module this organization does not have answers 404 before any guard.
        const enabled = ENABLED_MODULES.includes(route.pattern.split('/')[2])
        const response = await client.request(url, route.method).form(PROBE).accept('json')
        if (
          !route.guards.length ||
          ![...(enabled ? [401, 403] : [404])].includes(response.status())
        )
          unprotected.push(
            `${key} (public, guards: ${route.guards.join(',') || 'none'}) → ${response.status()}`
          )
        publicChecked++
        continue
      }
      const response = await client
        .request(url, route.method)
        .form(PROBE)
        .loginAs(admin)
        .redirects(0)
      const flash = response.flashMessages() as { errorsBag?: Record<string, string> }
      const refused =
        response.status() === 302 &&
        response.header('location') === '/' &&
        flash.errorsBag?.E_BAD_CSRF_TOKEN === REFUSAL
      if (!refused)
        unprotected.push(
          `${route.method} ${url} (${route.name ?? 'unnamed'}) → ${response.status()} ${response.header('location') ?? ''}`
        )
      checked++
    }
    assert.deepEqual(
      unprotected,
      [],
      `state-changing routes that accept a request without a CSRF token:\n${unprotected.join('\n')}`
    )
    assert.equal(checked + publicChecked, routes.length - Object.keys(EXEMPT).length)
    assert.isAbove(publicChecked, 0, 'the fixture module declares a public webhook')
    assert.deepEqual(await snapshot(ids, victim), before, 'a refused request changed the database')
  }).timeout(60_000)

  test('a create route writes nothing without the token, and the same request with it does', async ({
    client,
    assert,
  }) => {
    const { org, admin } = await world(client)
    const count = async () =>
      Number(
        (await db.from('sonda_items').where('organization_id', org.id).count('* as total').first())
          ?.total
      )
    const start = await count()
    const refused = await client
      .post('/sonda/items')
      .json({ name: 'Elemento Intruso' })
      .loginAs(admin)
      .redirects(0)
    refused.assertStatus(302)
    refused.assertFlashMessage('errorsBag', { E_BAD_CSRF_TOKEN: REFUSAL })
    assert.equal(await count(), start)
    await createWith(client, admin, '/sonda/items', { name: 'Elemento Intruso' })
    assert.equal(await count(), start + 1, 'the probe body is one the route accepts with a token')
  })
})
