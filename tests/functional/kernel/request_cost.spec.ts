import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import encryption from '@adonisjs/core/services/encryption'
import limiter from '@adonisjs/limiter/services/main'
import { cspFactory } from '@adonisjs/shield/guards'
import type { ShieldConfig } from '@adonisjs/shield/types'
import { reloadShieldConfig, XSRF_COOKIE } from '#middleware/shield_middleware'
import { reloadSessionConfig } from '#middleware/session_middleware'
import { userSessions } from '#app/access/user_sessions'
import { verifiedCookies } from '#app/support/cookie_memo'
import { cspPolicy } from '#app/support/csp'
import { createOrganization, createUser } from '#tests/helpers/world'

const PASSWORD = 'clave-buena-123'

const base = () => `http://${process.env.HOST}:${process.env.PORT}`

/** name → raw value of every cookie a response set, as a browser keeps them. */
function setCookies(response: Response): Map<string, string> {
  const jar = new Map<string, string>()
  for (const cookie of response.headers.getSetCookie()) {
    const pair = cookie.slice(0, cookie.indexOf(';'))
    jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1))
  }
  return jar
}

/**
 * A request as a browser sends it, over real HTTP: the cookies it holds, verbatim (the test
 * client would sign or encrypt them itself), no redirect followed.
 */
function browser(jar: Map<string, string>, path: string, init: RequestInit = {}) {
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  return fetch(base() + path, {
    ...init,
    redirect: 'manual',
    headers: { cookie, ...(init.headers as Record<string, string>) },
  })
}

/** A write sent as Inertia's client sends it, with `token` in the X-XSRF-TOKEN header. */
function write(jar: Map<string, string>, token: string) {
  return browser(jar, '/profile/notifications', {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-xsrf-token': token },
    body: '{}',
  })
}

/**
 * Signs in as a browser does (the login page's cookies and XSRF token, then the form) and
 * returns the cookies it holds afterwards. The session lives in cookies here, as in production
 * (the tests' memory store is emptied by the test client after every response).
 */
async function signIn(email: string): Promise<Map<string, string>> {
  const jar = setCookies(await browser(new Map(), '/login'))
  const response = await browser(jar, '/login', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-xsrf-token': jar.get(XSRF_COOKIE)!,
    },
    body: new URLSearchParams({ email, password: PASSWORD }).toString(),
  })
  for (const [name, value] of setCookies(response)) jar.set(name, value)
  // A cleared cookie (the guest session's) is gone.
  for (const [name, value] of jar) if (!value) jar.delete(name)
  if (response.headers.get('location') !== '/' || !jar.has('cartera_session'))
    throw new Error(`sign-in failed (${response.status} → ${response.headers.get('location')})`)
  return jar
}

/** Whether a response flashed the CSRF refusal into the session (its encrypted cookie). */
function refusedCsrf(response: Response): boolean {
  for (const [name, value] of setCookies(response)) {
    const raw = decodeURIComponent(value)
    if (!raw.startsWith('e:') || name === XSRF_COOKIE) continue
    if (JSON.stringify(encryption.decrypt(raw.slice(2), name)).includes('E_BAD_CSRF_TOKEN'))
      return true
  }
  return false
}

/** The session in an encrypted cookie, as in production, for the groups that read cookies. */
function cookieSessions(group: { each: { setup(fn: () => unknown): void } }) {
  group.each.setup(() => {
    reloadSessionConfig({ store: 'cookie' })
    return () => reloadSessionConfig()
  })
}

/** The same cookie with one character of its signature/ciphertext changed. */
function tampered(value: string): string {
  const at = value.length - 5
  return value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1)
}

test.group('Signing in hands over the XSRF token', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  cookieSessions(group)

  test('the page after sign-in sets no cookie, and the token of the sign-in guards writes', async ({
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'entrada@prueba.test', password: PASSWORD })
    const jar = await signIn('entrada@prueba.test')
    assert.isTrue(jar.has(XSRF_COOKIE), 'the sign-in answer carries the new token')

    const home = await browser(jar, '/')
    assert.equal(home.status, 200)
    assert.deepEqual([...setCookies(home).keys()], [], 'nothing to mint or re-send')

    const allowed = await write(jar, jar.get(XSRF_COOKIE)!)
    assert.isFalse(refusedCsrf(allowed), 'the token of the sign-in answer passes')
    const forged = await write(jar, tampered(jar.get(XSRF_COOKIE)!))
    assert.isTrue(refusedCsrf(forged), 'a changed token is refused')
    const none = await write(jar, '')
    assert.isTrue(refusedCsrf(none), 'no token is refused')
  }).timeout(120_000)
})

test.group('Session cookies verified once per value', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  cookieSessions(group)

  test('a tampered cookie is refused after the valid one was remembered', async ({ assert }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'memo@prueba.test', password: PASSWORD })
    const jar = await signIn('memo@prueba.test')
    verifiedCookies.clear()
    assert.equal((await browser(jar, '/')).status, 200)
    assert.isAtLeast(verifiedCookies.size, 2, 'the session id and data were remembered')
    // Served from memory this time: the same answer.
    assert.equal((await browser(jar, '/')).status, 200)

    // The session id cookie is signed: `s:<base64url JSON {message: id}>.<signature>`.
    const signed = decodeURIComponent(jar.get('cartera_session')!).slice(2).split('.')[0]
    const dataCookie = JSON.parse(Buffer.from(signed, 'base64url').toString()).message
    assert.isTrue(jar.has(dataCookie), 'the session data cookie is named by the session id')
    for (const name of ['cartera_session', dataCookie]) {
      const forged = new Map(jar).set(name, tampered(jar.get(name)!))
      const visit = await browser(forged, '/')
      assert.equal(
        visit.headers.get('location'),
        '/login',
        `a changed ${name} is refused (${visit.status})`
      )
    }
    assert.equal((await browser(jar, '/')).status, 200, 'the genuine cookies still work')
  }).timeout(120_000)

  test('a revoked session is refused although its cookies were remembered', async ({ assert }) => {
    const org = await createOrganization()
    const user = await createUser(org, {}, { email: 'revocada@prueba.test', password: PASSWORD })
    const jar = await signIn('revocada@prueba.test')
    assert.equal((await browser(jar, '/')).status, 200)
    assert.equal((await browser(jar, '/')).status, 200)

    await userSessions.revokeAll(user.id, 'all_devices')
    assert.equal((await browser(jar, '/')).headers.get('location'), '/login')
    const visit = await browser(jar, '/', { headers: { 'x-inertia': 'true' } })
    assert.equal(visit.headers.get('location'), '/login')
  }).timeout(120_000)
})

test.group('Content-Security-Policy on documents only', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  cookieSessions(group)
  group.each.setup(() => {
    // Production's setting (CSP is off in development and tests, config/shield.ts).
    const enabled = app.config.get('shield.csp.enabled')
    app.config.set('shield.csp.enabled', true)
    reloadShieldConfig()
    return () => {
      app.config.set('shield.csp.enabled', enabled)
      reloadShieldConfig()
    }
  })

  test('HTML pages carry the policy with a fresh nonce; JSON and redirects carry none', async ({
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'csp@prueba.test', password: PASSWORD })
    const jar = await signIn('csp@prueba.test')

    const nonces = []
    let version = ''
    for (let i = 0; i < 2; i++) {
      const page = await browser(jar, '/')
      assert.equal(page.status, 200)
      assert.match(String(page.headers.get('content-type')), /^text\/html/)
      const policy = String(page.headers.get('content-security-policy'))
      const nonce = policy.match(/'nonce-([\w-]{16,})'/)?.[1]
      assert.exists(nonce, `an HTML page carries the nonce: ${policy}`)
      assert.include(policy, "default-src 'self'")
      nonces.push(nonce)
      const data = (await page.text()).match(/<script data-page="app"[^>]*>(.*?)<\/script>/s)
      version = String(JSON.parse(data![1]).version ?? '')
    }
    assert.notEqual(nonces[0], nonces[1], 'one nonce per document')

    const visit = await browser(jar, '/', {
      headers: { 'x-inertia': 'true', 'x-inertia-version': version },
    })
    assert.equal(visit.status, 200)
    assert.match(String(visit.headers.get('content-type')), /^application\/json/)
    assert.isNull(visit.headers.get('content-security-policy'), 'JSON is no document')
    assert.equal(visit.headers.get('x-frame-options'), 'DENY', 'the other headers stay')

    const missing = await browser(jar, '/admin/users/999999999/edit')
    assert.isAtLeast(missing.status, 400)
    assert.match(
      String(missing.headers.get('content-security-policy')),
      /'nonce-[\w-]{16,}'/,
      'an error page is a document'
    )

    const logout = await browser(jar, '/logout', {
      method: 'POST',
      headers: { 'x-xsrf-token': jar.get(XSRF_COOKIE)! },
    })
    assert.equal(logout.headers.get('location'), '/login')
    assert.isNull(logout.headers.get('content-security-policy'), 'a redirect is no document')

    const guest = await browser(new Map(), '/login')
    assert.match(String(guest.headers.get('content-security-policy')), /'nonce-[\w-]{16,}'/)
  }).timeout(120_000)

  test("the precomputed header is the one the shield's own guard builds", async ({ assert }) => {
    const config = structuredClone(app.config.get<ShieldConfig>('shield').csp!)
    config.enabled = true
    const ctx = await testUtils.createHttpContext()
    await cspFactory(structuredClone(config))(ctx)
    const theirs = String(ctx.response.getHeader('Content-Security-Policy'))
    const nonce = theirs.match(/'nonce-([^']+)'/)![1]
    assert.equal(cspPolicy(config)!.value(nonce), theirs)
    assert.include(theirs, "frame-ancestors 'none'")
  })
})
