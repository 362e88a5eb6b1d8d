import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import hash from '@adonisjs/core/services/hash'
import { createOrganization, createUser } from '#tests/helpers/world'

test.group('Profile and language', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the language switch updates the user and the UI locale', async ({ client, assert }) => {
    const org = await createOrganization()
    const user = await createUser(org)
    const switched = await client
      .post('/preferences/locale')
      .form({ locale: 'en' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    switched.assertStatus(302)
    await user.refresh()
    assert.equal(user.locale, 'en')
    const home = await client.get('/').loginAs(user).withInertia()
    home.assertInertiaPropsContains({ locale: 'en' })
  })

  test('signed out, the language comes from the cookie the switch sets, then Accept-Language', async ({
    client,
  }) => {
    const viaHeader = await client
      .get('/login')
      .header('accept-language', 'en-GB,en;q=0.9')
      .withInertia()
    viaHeader.assertInertiaPropsContains({ locale: 'en' })
    const fallback = await client.get('/login').header('accept-language', 'de-DE').withInertia()
    fallback.assertInertiaPropsContains({ locale: 'es' })
    const viaCookie = await client
      .get('/login')
      .header('accept-language', 'en')
      .withCookie('cartera_locale', 'es')
      .withInertia()
    viaCookie.assertInertiaPropsContains({ locale: 'es' })
  })

  test('an unsupported language is refused with a translated error', async ({ client }) => {
    const org = await createOrganization()
    const user = await createUser(org)
    const response = await client
      .post('/preferences/locale')
      .form({ locale: 'fr' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', { locale: ['El valor de idioma no es válido'] })
  })

  test('profile preferences are saved and validated', async ({ client, assert }) => {
    const org = await createOrganization()
    const user = await createUser(org)
    await client
      .put('/profile')
      .form({ fullName: 'Nombre Nuevo', locale: 'es', timezone: 'Atlantic/Canary' })
      .loginAs(user)
      .withCsrfToken()
    await user.refresh()
    assert.equal(user.fullName, 'Nombre Nuevo')
    assert.equal(user.timezone, 'Atlantic/Canary')

    const bad = await client
      .put('/profile')
      .form({ fullName: 'X', locale: 'es', timezone: 'Marte/Olimpo' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    bad.assertFlashMessage('inputErrorsBag', {
      fullName: ['El campo nombre completo debe tener al menos 2 caracteres'],
      timezone: ['El valor de zona horaria no es válido'],
    })
  })

  test('changing the password needs the current one', async ({ client, assert }) => {
    const org = await createOrganization()
    const user = await createUser(org, {}, { password: 'clave-actual-1' })
    const wrong = await client
      .put('/profile/password')
      .form({
        currentPassword: 'no-es-esta',
        password: 'clave-nueva-22',
        password_confirmation: 'clave-nueva-22',
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    wrong.assertFlashMessage('inputErrorsBag', {
      currentPassword: ['La contraseña actual no es correcta.'],
    })
    await client
      .put('/profile/password')
      .form({
        currentPassword: 'clave-actual-1',
        password: 'clave-nueva-22',
        password_confirmation: 'clave-nueva-22',
      })
      .loginAs(user)
      .withCsrfToken()
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'clave-nueva-22'))
  })

  test('English users get English validation messages', async ({ client }) => {
    const org = await createOrganization()
    const user = await createUser(org, {}, { locale: 'en' })
    const bad = await client
      .put('/profile')
      .form({ fullName: '', locale: 'en', timezone: 'Europe/Madrid' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    bad.assertFlashMessage('inputErrorsBag', { fullName: ['The full name field is required'] })
  })
})
