import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { createOrganization, createUser } from '#tests/helpers/world'

test.group('Security basics', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('after 5 failed logins an unknown device must wait, told in minutes', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'objetivo@prueba.test', password: 'clave-buena-123' })
    for (let i = 0; i < 5; i++) {
      const attempt = await client
        .post('/login')
        .form({ email: 'objetivo@prueba.test', password: `mala-${i}` })
        .withCsrfToken()
        .redirects(0)
      attempt.assertFlashMessage('inputErrorsBag', { login: ['Correo o contraseña incorrectos.'] })
    }
    const blocked = await client
      .post('/login')
      .form({ email: 'objetivo@prueba.test', password: 'clave-buena-123' })
      .withCsrfToken()
      .redirects(0)
    blocked.assertStatus(302)
    blocked.assertFlashMessage(
      'error',
      'Demasiados intentos. Inténtelo de nuevo dentro de 1 minuto.'
    )
    assert.notProperty(blocked.session(), 'auth_web', 'not signed in, even with the right password')
  })

  test('an office behind one address: its successful logins never lock it out; 60 failures do', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const staff = []
    for (let i = 0; i < 7; i++)
      staff.push(
        await createUser(org, {}, { email: `oficina${i}@prueba.test`, password: 'clave-buena-123' })
      )
    const office = '203.0.113.10'
    const login = (email: string, password: string, ip = office) =>
      client
        .post('/login')
        .form({ email, password })
        .header('x-forwarded-for', ip)
        .withCsrfToken()
        .redirects(0)
    // 63 sign-ins from one address: more than the 60 failures the address may have.
    for (let round = 0; round < 9; round++) {
      for (const user of staff)
        (await login(user.email, 'clave-buena-123')).assertHeader('location', '/')
    }
    // Password spraying from that address: 60 wrong guesses, each at a different account.
    for (let i = 0; i < 60; i++) {
      ;(await login(`nadie${i}@prueba.test`, 'Verano2026')).assertFlashMessage('inputErrorsBag', {
        login: ['Correo o contraseña incorrectos.'],
      })
    }
    const blocked = await login(staff[0].email, 'clave-buena-123')
    assert.match(
      blocked.flashMessages().error as string,
      /^Demasiados intentos\. Inténtelo de nuevo dentro de \d+ minutos?\.$/
    )
    assert.notProperty(blocked.session(), 'auth_web', 'not signed in, even with the right password')
    const elsewhere = await login(staff[0].email, 'clave-buena-123', '198.51.100.7')
    assert.property(elsewhere.session(), 'auth_web', 'another address signs in')
  }).timeout(60_000)

  test('the session cookie is HttpOnly, SameSite=Lax and goes when the browser closes', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'cookie@prueba.test', password: 'clave-buena-123' })
    const page = await client.get('/login')
    const login = await client
      .post('/login')
      .form({ email: 'cookie@prueba.test', password: 'clave-buena-123' })
      .withCsrfToken()
      .redirects(0)
    for (const response of [page, login]) {
      const cookies = ([] as string[]).concat(response.header('set-cookie') ?? [])
      const session = cookies.find((c) => c.startsWith('cartera_session='))
      assert.exists(session)
      assert.match(session!, /HttpOnly/)
      assert.match(session!, /SameSite=Lax/)
      assert.notMatch(
        session!,
        /Max-Age|Expires/i,
        'a browser-session cookie: no lifetime of its own'
      )
    }
  })

  test('a session idle for longer than the session age is signed out; an active one goes on', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const user = await createUser(org)
    const now = Math.floor(Date.now() / 1000)
    const active = await client
      .get('/')
      .loginAs(user)
      .withSession({ seen_at: now - 7 * 3600 })
      .redirects(0)
    active.assertStatus(200)
    assert.closeTo(active.session().seen_at, now, 5, 'each request renews the idle clock')
    const again = await client
      .get('/')
      .loginAs(user)
      .withSession({ seen_at: now - 20 })
      .redirects(0)
    again.assertStatus(200)
    assert.equal(again.session().seen_at, now - 20, 'to the minute: the session is not rewritten')

    const idle = await client
      .get('/sonda/items?q=ana')
      .loginAs(user)
      .withSession({ seen_at: now - 9 * 3600 })
      .redirects(0)
    idle.assertStatus(302)
    idle.assertHeader('location', '/login')
    idle.assertFlashMessage(
      'error',
      'Su sesión ha caducado por inactividad. Inicie sesión de nuevo.'
    )
    assert.equal(
      idle.session().intended_url,
      '/sonda/items?q=ana',
      'back to the same page after signing in'
    )
    assert.notProperty(idle.session(), 'auth_web', 'signed out')
  })

  test('"remember me" issues a persistent token and logout clears the session', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'recordar@prueba.test', password: 'clave-buena-123' })
    const login = await client
      .post('/login')
      .form({ email: 'recordar@prueba.test', password: 'clave-buena-123', remember: 'true' })
      .withCsrfToken()
      .redirects(0)
    const cookies = ([] as string[]).concat(login.header('set-cookie') ?? [])
    assert.isTrue(
      cookies.some((c) => /^remember_web=[^;]+;.*Max-Age=\d{6,}/.test(c)),
      'a long-lived remember-me cookie is set'
    )
    const user = await User.findByOrFail('email', 'recordar@prueba.test')
    const tokens = await db.from('remember_me_tokens').where('tokenable_id', user.id)
    assert.lengthOf(tokens, 1)

    const remember = login.cookie('remember_web')!.value
    const logout = await client
      .post('/logout')
      .loginAs(user)
      .withEncryptedCookie('remember_web', remember)
      .withCsrfToken()
      .redirects(0)
    logout.assertHeader('location', '/login')
    assert.lengthOf(
      await db.from('remember_me_tokens').where('tokenable_id', user.id),
      0,
      'logout revokes the remember-me token'
    )
  })

  test('unknown pages answer the 404 page, inside the shell when signed in', async ({
    client,
    assert,
  }) => {
    const anonymous = await client.get('/no-existe').withInertia()
    anonymous.assertStatus(404)
    anonymous.assertInertiaComponent('errors/not_found')
    assert.isNull(anonymous.inertiaProps.shell.user)

    const org = await createOrganization()
    const user = await createUser(org)
    const signedIn = await client.get('/no-existe/tampoco').loginAs(user).withInertia()
    signedIn.assertStatus(404)
    signedIn.assertInertiaComponent('errors/not_found')
    assert.equal(signedIn.inertiaProps.shell.user.id, user.id)
  })

  test('administration pages answer 403 to non-administrators', async ({ client }) => {
    const org = await createOrganization()
    const user = await createUser(org)
    const response = await client.get('/admin').loginAs(user).withInertia()
    response.assertStatus(403)
    response.assertInertiaComponent('errors/forbidden')
  })

  test('a deactivated user with a live session is signed out on the next request', async ({
    client,
  }) => {
    const org = await createOrganization()
    const user = await createUser(org, {}, { isActive: false })
    const response = await client.get('/').loginAs(user).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })
})

test.group('Login redirects', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only same-site paths are used after login', async ({ client }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'destino@prueba.test', password: 'clave-buena-123' })
    for (const target of ['//evil.example', '/\\evil.example', 'https://evil.example']) {
      const response = await client
        .post('/login')
        .form({ email: 'destino@prueba.test', password: 'clave-buena-123' })
        .withSession({ intended_url: target })
        .withCsrfToken()
        .redirects(0)
      response.assertHeader('location', '/')
    }
    const ok = await client
      .post('/login')
      .form({ email: 'destino@prueba.test', password: 'clave-buena-123' })
      .withSession({ intended_url: '/profile' })
      .withCsrfToken()
      .redirects(0)
    ok.assertHeader('location', '/profile')
  })
})
