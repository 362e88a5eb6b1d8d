import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import db from '@adonisjs/lucid/services/db'
import { SESSION_KEY } from '#app/access/user_sessions'
import { createOrganization, createUser } from '#tests/helpers/world'
import { adminWorld, write } from '#tests/functional/admin/_helpers'

type Cookie = Record<string, any>

/**
 * Signs in through the login form and returns what the session cookie holds afterwards: with
 * the cookie store, that is exactly what a copied cookie would replay.
 */
async function signIn(
  client: ApiClient,
  email: string,
  password: string,
  extra: Record<string, string> = {}
) {
  const response = await client
    .post('/login')
    .form({ email, password, ...extra })
    .withCsrfToken()
    .redirects(0)
  response.assertHeader('location', '/')
  return { cookie: response.session() as Cookie, response }
}

const visit = (client: ApiClient, cookie: Cookie, url = '/') =>
  client.get(url).withSession(cookie).redirects(0)

test.group('Sessions are recorded on the server', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a cookie copied before logout is refused after logout', async ({ client, assert }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'copia@prueba.test', password: 'clave-buena-123' })
    const { cookie } = await signIn(client, 'copia@prueba.test', 'clave-buena-123')
    assert.isString(cookie[SESSION_KEY])
    ;(await visit(client, cookie)).assertStatus(200)

    const logout = await client.post('/logout').withSession(cookie).withCsrfToken().redirects(0)
    logout.assertHeader('location', '/login')

    const replay = await visit(client, cookie)
    replay.assertStatus(302)
    replay.assertHeader('location', '/login')
    replay.assertFlashMessage('error', 'Su sesión se ha cerrado. Inicie sesión de nuevo.')
    assert.notProperty(replay.session(), 'auth_web')
    const row = await db
      .from('user_sessions')
      .where('id', cookie[SESSION_KEY] as string)
      .firstOrFail()
    assert.equal(row.revoked_reason, 'logout')
  })

  test('record pages are kept encrypted in the browser history, and a logout clears that history', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'historia@prueba.test', password: 'clave-buena-123' })
    const { cookie } = await signIn(client, 'historia@prueba.test', 'clave-buena-123')
    const home = await client.get('/').withSession(cookie).withInertia()
    assert.isTrue(home.body().encryptHistory, 'pages are stored encrypted in history.state')
    assert.notProperty(home.body(), 'clearHistory')

    const logout = await client.post('/logout').withSession(cookie).withCsrfToken().redirects(0)
    logout.assertFlashMessage('clear_history', true)
    // The next request (the login page the logout redirects to) carries the logout's flash.
    const login = await client
      .get('/login')
      .withSession(logout.session())
      .withFlashMessages(logout.flashMessages())
      .withInertia()
    assert.isTrue(
      login.body().clearHistory,
      'the page after the logout drops the encrypted history'
    )
    const again = await client.get('/login').withInertia()
    assert.notProperty(again.body(), 'clearHistory', 'only once')
  })

  test('an administrator who sets their own password in Administración keeps this session', async ({
    client,
  }) => {
    const { admin } = await adminWorld([], {
      email: 'jefa@prueba.test',
      password: 'clave-buena-123',
    })
    const adminRole = await db.from('user_roles').where('user_id', admin.id).firstOrFail()
    const { cookie } = await signIn(client, 'jefa@prueba.test', 'clave-buena-123')
    const update = await client
      .put(`/admin/users/${admin.id}`)
      .json({
        fullName: admin.fullName,
        email: admin.email,
        locale: 'es',
        timezone: 'Europe/Madrid',
        roleIds: [adminRole.role_id],
        reportsToId: null,
        password: 'clave-nueva-456',
      })
      .withSession(cookie)
      .withCsrfToken()
      .redirects(0)
    update.assertStatus(302)
    ;(await visit(client, update.session() as Cookie)).assertStatus(200)
    // The session from before the change is over.
    ;(await visit(client, cookie)).assertHeader('location', '/login')
  })

  test('"sign out on all devices" ends every other session and remember-me token; this one goes on', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const user = await createUser(
      org,
      {},
      { email: 'todos@prueba.test', password: 'clave-buena-123' }
    )
    const laptop = await signIn(client, 'todos@prueba.test', 'clave-buena-123', {
      remember: 'true',
    })
    const phone = await signIn(client, 'todos@prueba.test', 'clave-buena-123')
    assert.lengthOf(await db.from('remember_me_tokens').where('tokenable_id', user.id), 1)

    const response = await client
      .post('/profile/sessions/revoke')
      .withSession(phone.cookie)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage(
      'success',
      'Se ha cerrado la sesión en todos los demás dispositivos.'
    )

    const other = await visit(client, laptop.cookie)
    other.assertHeader('location', '/login')
    other.assertFlashMessage('error', 'Su sesión se ha cerrado. Inicie sesión de nuevo.')
    // Its remember-me cookie no longer signs it back in either.
    const remember = laptop.response.cookie('remember_web')!.value
    const again = await client.get('/').withEncryptedCookie('remember_web', remember).redirects(0)
    again.assertHeader('location', '/login')
    assert.lengthOf(await db.from('remember_me_tokens').where('tokenable_id', user.id), 0)

    ;(await visit(client, phone.cookie)).assertStatus(200)
  })

  test('a password changed elsewhere signs old sessions out; a new sign-in works', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const user = await createUser(
      org,
      {},
      { email: 'cambio@prueba.test', password: 'clave-antigua-1' }
    )
    const { cookie } = await signIn(client, 'cambio@prueba.test', 'clave-antigua-1')
    ;(await visit(client, cookie)).assertStatus(200)

    // The password changes on another device (profile, reset link or an administrator).
    user.password = 'clave-nueva-123'
    await user.save()

    const stale = await visit(client, cookie)
    stale.assertHeader('location', '/login')
    stale.assertFlashMessage('error', 'Su contraseña ha cambiado. Inicie sesión de nuevo.')
    const fresh = await signIn(client, 'cambio@prueba.test', 'clave-nueva-123')
    ;(await visit(client, fresh.cookie)).assertStatus(200)
    assert.notEqual(fresh.cookie[SESSION_KEY], cookie[SESSION_KEY])
  })

  test("changing one's own password keeps this session, ends the others and the remember-me tokens", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    const user = await createUser(
      org,
      {},
      { email: 'propia@prueba.test', password: 'clave-antigua-1' }
    )
    const here = await signIn(client, 'propia@prueba.test', 'clave-antigua-1', { remember: 'true' })
    const there = await signIn(client, 'propia@prueba.test', 'clave-antigua-1')
    const response = await client
      .put('/profile/password')
      .form({
        currentPassword: 'clave-antigua-1',
        password: 'clave-nueva-123',
        password_confirmation: 'clave-nueva-123',
      })
      .withSession(here.cookie)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('success', 'Contraseña cambiada.')
    assert.lengthOf(await db.from('remember_me_tokens').where('tokenable_id', user.id), 0)

    ;(await visit(client, response.session())).assertStatus(200)
    ;(await visit(client, here.cookie)).assertHeader('location', '/login')
    ;(await visit(client, there.cookie)).assertHeader('location', '/login')
  })

  test("a deactivated user's sessions are refused, and stay refused after reactivation", async ({
    client,
  }) => {
    const { org, admin } = await adminWorld()
    const user = await createUser(
      org,
      {},
      { email: 'baja@prueba.test', password: 'clave-buena-123' }
    )
    const { cookie } = await signIn(client, 'baja@prueba.test', 'clave-buena-123')
    ;(await write(client.post(`/admin/users/${user.id}/deactivate`), admin)).assertStatus(302)

    const refused = await visit(client, cookie)
    refused.assertHeader('location', '/login')
    refused.assertFlashMessage(
      'error',
      'Su usuario está desactivado. Consulte con el administrador.'
    )

    ;(await write(client.post(`/admin/users/${user.id}/activate`), admin)).assertStatus(302)
    ;(await visit(client, cookie)).assertHeader('location', '/login')
  })

  test('a remember-me cookie opens a new recorded session', async ({ client, assert }) => {
    const org = await createOrganization()
    const user = await createUser(
      org,
      {},
      { email: 'vuelve@prueba.test', password: 'clave-buena-123' }
    )
    const { response } = await signIn(client, 'vuelve@prueba.test', 'clave-buena-123', {
      remember: 'true',
    })
    // The browser was closed: the session cookie is gone, the remember-me cookie is not.
    const remember = response.cookie('remember_web')!.value
    const back = await client.get('/').withEncryptedCookie('remember_web', remember).redirects(0)
    back.assertStatus(200)
    const key = back.session()[SESSION_KEY]
    const row = await db.from('user_sessions').where('id', key).firstOrFail()
    assert.equal(row.user_id, user.id)
    ;(await visit(client, back.session())).assertStatus(200)
  })

  test('a signed-in session without a server record (older than this release) is refused', async ({
    client,
  }) => {
    const org = await createOrganization()
    const user = await createUser(org)
    const response = await client.get('/').withSession({ auth_web: user.id }).redirects(0)
    response.assertHeader('location', '/login')
  })
})

test.group('Pages seen with an ended session', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('the 404 page of a revoked session renders as a guest: no name, organization or menu', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization(['sonda'])
    await createUser(
      org,
      {},
      { email: 'fuera@prueba.test', password: 'clave-buena-123', fullName: 'Lucía Fuera' }
    )
    const { cookie } = await signIn(client, 'fuera@prueba.test', 'clave-buena-123')
    const live = await client.get('/no-existe').withSession(cookie).withInertia()
    assert.equal(
      live.inertiaProps.shell.user.fullName,
      'Lucía Fuera',
      'inside the shell while the session lives'
    )

    await client.post('/logout').withSession(cookie).withCsrfToken().redirects(0)
    const page = await client.get('/no-existe').withSession(cookie).withInertia()
    page.assertStatus(404)
    page.assertInertiaComponent('errors/not_found')
    assert.deepEqual(page.inertiaProps.shell, {
      user: null,
      organization: null,
      navigation: [],
      permissions: [],
      bin: false,
      licence: null,
      actions: [],
      recordActions: [],
    })
  })

  test("a deactivated user's 404 page renders as a guest", async ({ client, assert }) => {
    const org = await createOrganization()
    const user = await createUser(org, {}, { isActive: false })
    const page = await client.get('/no-existe').loginAs(user).withInertia()
    page.assertStatus(404)
    assert.isNull(page.inertiaProps.shell.user)
    assert.isNull(page.inertiaProps.shell.organization)
  })

  test('an anonymous first visit goes to the login page without an error', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/').redirects(0)
    response.assertHeader('location', '/login')
    assert.deepEqual(response.flashMessages(), {}, 'no "Debe iniciar sesión" toast')
    assert.equal(response.session().intended_url, '/')
  })

  test('a wrong password is reported once, in the form, not as a flashed toast message', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'una@prueba.test', password: 'clave-buena-123' })
    const response = await client
      .post('/login')
      .form({ email: 'una@prueba.test', password: 'otra' })
      .header('referer', '/login')
      .withCsrfToken()
      .withInertia()
    response.assertInertiaComponent('auth/login')
    assert.deepEqual(response.inertiaProps.errors, { login: 'Correo o contraseña incorrectos.' })
    assert.isNull(response.inertiaProps.flash.error)
  })
})
