import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import emitter from '@adonisjs/core/services/emitter'
import encryption from '@adonisjs/core/services/encryption'
import limiter from '@adonisjs/limiter/services/main'
import { cachedUsers, forgetUsers } from '#app/support/cache'
import { XSRF_COOKIE } from '#middleware/shield_middleware'
import { createOrganization, createUser } from '#tests/helpers/world'

const REFUSAL = 'La página ha caducado. Recárguela e inténtelo de nuevo.'

type Cookie = Record<string, any>

/** Names of the cookies a response sets. */
function setCookies(response: { headers(): Record<string, unknown> }): string[] {
  const header = response.headers()['set-cookie']
  const list = Array.isArray(header) ? header : header ? [String(header)] : []
  return list.map((cookie: string) => cookie.slice(0, cookie.indexOf('=')))
}

/** The raw XSRF-TOKEN value a response set (`e:<ciphertext>`, URL-encoded as a browser keeps it). */
function xsrfCookie(response: { headers(): Record<string, unknown> }): string {
  const header = response.headers()['set-cookie']
  const list: string[] = Array.isArray(header) ? header : header ? [String(header)] : []
  const cookie = list.find((c) => c.startsWith(`${XSRF_COOKIE}=`))
  if (!cookie) throw new Error('no XSRF-TOKEN cookie was set')
  return decodeURIComponent(cookie.slice(XSRF_COOKIE.length + 1, cookie.indexOf(';')))
}

async function signIn(client: ApiClient, email: string): Promise<Cookie> {
  const response = await client
    .post('/login')
    .form({ email, password: 'clave-buena-123' })
    .withCsrfToken()
    .redirects(0)
  response.assertHeader('location', '/')
  // Signing in makes a new CSRF secret (a new token per signed-in user) in its own answer.
  return response.session() as Cookie
}

test.group('Signed-in requests send only the cookies that changed', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('the XSRF token the browser holds is kept (no Set-Cookie) and still guards every write', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'xsrf@prueba.test', password: 'clave-buena-123' })
    const session = await signIn(client, 'xsrf@prueba.test')

    const first = await client.get('/').withSession(session).redirects(0)
    first.assertStatus(200)
    assert.include(setCookies(first), XSRF_COOKIE, 'a browser without a token gets one')
    const held = xsrfCookie(first)
    const token = first.cookie(XSRF_COOKIE)!.value as string

    const again = await client
      .get('/')
      .withSession(session)
      .encryptedCookie(XSRF_COOKIE, token)
      .redirects(0)
    again.assertStatus(200)
    assert.notInclude(setCookies(again), XSRF_COOKIE, 'a valid token is not sent again')
    assert.notInclude(
      setCookies(again),
      'cartera_session',
      'an unchanged session is not sent again'
    )

    // A forged write (no token, or a made-up one) is still refused…
    const forged = await client
      .put('/profile/notifications')
      .json({})
      .withSession(session)
      .encryptedCookie(XSRF_COOKIE, token)
      .header('x-xsrf-token', 'e:forged')
      .redirects(0)
    forged.assertStatus(302)
    forged.assertFlashMessage('errorsBag', { E_BAD_CSRF_TOKEN: REFUSAL })
    const bare = await client
      .put('/profile/notifications')
      .json({})
      .withSession(session)
      .encryptedCookie(XSRF_COOKIE, token)
      .redirects(0)
    bare.assertFlashMessage('errorsBag', { E_BAD_CSRF_TOKEN: REFUSAL })
    // …and the kept token, sent back as Inertia's client does, passes the check.
    const allowed = await client
      .put('/profile/notifications')
      .json({})
      .withSession(session)
      .encryptedCookie(XSRF_COOKIE, token)
      .header('x-xsrf-token', encodeURIComponent(held))
      .redirects(0)
    assert.notProperty(allowed.flashMessages()?.errorsBag ?? {}, 'E_BAD_CSRF_TOKEN')
  }).timeout(120_000)

  test("another session's token is replaced, and refused for a write", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'una@prueba.test', password: 'clave-buena-123' })
    await createUser(org, {}, { email: 'otra@prueba.test', password: 'clave-buena-123' })
    const mine = await signIn(client, 'una@prueba.test')
    const theirs = await signIn(client, 'otra@prueba.test')
    const theirVisit = await client.get('/').withSession(theirs).redirects(0)
    const theirRaw = xsrfCookie(theirVisit)
    const theirToken = theirVisit.cookie(XSRF_COOKIE)!.value as string

    const visit = await client
      .get('/')
      .withSession(mine)
      .encryptedCookie(XSRF_COOKIE, theirToken)
      .redirects(0)
    assert.include(setCookies(visit), XSRF_COOKIE, 'a token of another secret is replaced')
    const myToken = visit.cookie(XSRF_COOKIE)!.value as string
    assert.notEqual(myToken, theirToken)

    const write = await client
      .put('/profile/notifications')
      .json({})
      .withSession(mine)
      .encryptedCookie(XSRF_COOKIE, theirToken)
      .header('x-xsrf-token', encodeURIComponent(theirRaw))
      .redirects(0)
    write.assertFlashMessage('errorsBag', { E_BAD_CSRF_TOKEN: REFUSAL })
    // A token that does not decrypt at all is no better.
    const third = await client
      .get('/')
      .withSession(mine)
      .encryptedCookie(XSRF_COOKIE, 'abc-def')
      .redirects(0)
    assert.include(setCookies(third), XSRF_COOKIE)
    // Nor is one encrypted for another purpose.
    const other = await client
      .put('/profile/notifications')
      .json({})
      .withSession(mine)
      .header('x-xsrf-token', `e:${encryption.encrypt(myToken, undefined, 'other-purpose')}`)
      .redirects(0)
    other.assertFlashMessage('errorsBag', { E_BAD_CSRF_TOKEN: REFUSAL })
  }).timeout(120_000)

  test('a changed session is still written, and a revoked one refused on the next request', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'cambio@prueba.test', password: 'clave-buena-123' })
    const session = await signIn(client, 'cambio@prueba.test')
    // Flashing a message changes the session: it is committed (Set-Cookie) as before.
    const logout = await client.post('/logout').withSession(session).withCsrfToken().redirects(0)
    logout.assertHeader('location', '/login')
    assert.include(setCookies(logout), 'cartera_session')
    const replay = await client.get('/').withSession(session).redirects(0)
    replay.assertHeader('location', '/login')
  }).timeout(120_000)
})

test.group('Cached values are parsed once', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the same entry gives the same frozen value until it changes', async ({ assert }) => {
    let loads = 0
    const load = async () => ({ loads: ++loads, names: ['Ana'] })
    const first = await cachedUsers('probe:parsed', load)
    const second = await cachedUsers('probe:parsed', load)
    assert.strictEqual(second, first, 'one parse for the same text')
    assert.isTrue(Object.isFrozen(first) && Object.isFrozen(first.names))
    assert.throws(() => (first.names as string[]).push('Eva'))

    await forgetUsers()
    const third = await cachedUsers('probe:parsed', load)
    assert.notStrictEqual(third, first)
    assert.equal(third.loads, 2, 'a replaced entry is read anew')
  })
})

test.group('Quiet framework events', () => {
  test('cache events still reach a listener, and a fake records them', async ({ assert }) => {
    const heard: string[] = []
    const listener = (event: { key: string }) => void heard.push(event.key)
    emitter.on('cache:hit', listener as any)
    try {
      await cachedUsers('probe:quiet', async () => 1)
      await cachedUsers('probe:quiet', async () => 1)
    } finally {
      emitter.off('cache:hit', listener as any)
    }
    assert.isTrue(
      heard.some((key) => key.includes('probe:quiet')),
      'a listener hears cache hits'
    )

    const events = emitter.fake()
    try {
      await cachedUsers('probe:quiet', async () => 1)
      assert.isTrue(events.all().some((event) => (event.event as string) === 'cache:hit'))
    } finally {
      emitter.restore()
    }
  })
})
