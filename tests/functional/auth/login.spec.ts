import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOrganization, createUser } from '#tests/helpers/world'

test.group('Login', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the login page renders the login component', async ({ client }) => {
    const response = await client.get('/login').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('auth/login')
  })

  test('valid credentials sign in and land on home', async ({ client, assert }) => {
    const org = await createOrganization()
    const user = await createUser(
      org,
      {},
      { email: 'lucia@prueba.test', password: 'clave-secreta-1' }
    )
    const response = await client
      .post('/login')
      .form({ email: 'LUCIA@prueba.test ', password: 'clave-secreta-1' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/')
    await user.refresh()
    assert.isNotNull(user.lastLoginAt)
  })

  test('a wrong password stays on the login page with a translated error', async ({ client }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'lucia@prueba.test', password: 'clave-secreta-1' })
    const response = await client
      .post('/login')
      .form({ email: 'lucia@prueba.test', password: 'otra' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', { login: ['Correo o contraseña incorrectos.'] })
  })

  test('a deactivated user with the right password gets exactly the wrong-password answer', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(
      org,
      {},
      { email: 'baja@prueba.test', password: 'clave-secreta-1', isActive: false }
    )
    const attempt = (password: string) =>
      client
        .post('/login')
        .form({ email: 'baja@prueba.test', password })
        .header('referer', '/login')
        .withCsrfToken()
        .redirects(0)
    const right = await attempt('clave-secreta-1')
    const wrong = await attempt('otra-clave')
    for (const response of [right, wrong]) {
      response.assertStatus(302)
      response.assertHeader('location', '/login')
      response.assertFlashMessage('inputErrorsBag', { login: ['Correo o contraseña incorrectos.'] })
    }
    assert.deepEqual(right.flashMessages(), wrong.flashMessages())
    const home = await client.get('/').redirects(0)
    home.assertHeader('location', '/login')
  })

  test('a form POST without the CSRF token is refused and signs nobody in', async ({ client }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'lucia@prueba.test', password: 'clave-secreta-1' })
    const response = await client
      .post('/login')
      .form({ email: 'lucia@prueba.test', password: 'clave-secreta-1' })
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('errorsBag', {
      E_BAD_CSRF_TOKEN: 'La página ha caducado. Recárguela e inténtelo de nuevo.',
    })
    const home = await client.get('/').redirects(0)
    home.assertHeader('location', '/login')
  })

  test('pages behind login redirect to /login', async ({ client }) => {
    const response = await client.get('/').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })
})
