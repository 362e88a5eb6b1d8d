import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { createOrganization, createUser } from '#tests/helpers/world'
import { accountLoginWait, countAccountFailure } from '#start/limiter'

test.group('Login limits per account', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('successful sign-ins do not count against the account', async ({ client, assert }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'diaria@prueba.test', password: 'clave-buena-123' })
    // 40 sign-ins (phones, laptops, a shared office address…): more than any per-account budget.
    for (let i = 0; i < 40; i++) {
      const response = await client
        .post('/login')
        .form({ email: 'diaria@prueba.test', password: 'clave-buena-123' })
        .header('x-forwarded-for', `198.51.100.${i + 1}`)
        .withCsrfToken()
        .redirects(0)
      assert.equal(response.header('location'), '/', `sign-in ${i + 1}`)
    }
  }).timeout(60_000)

  test("a stranger's wrong guesses slow strangers down but never lock out the known device", async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'jefa@prueba.test', password: 'clave-buena-123' })
    const attempt = (password: string, ip: string, knownDevice?: unknown) => {
      const request = client
        .post('/login')
        .form({ email: 'jefa@prueba.test', password })
        .header('x-forwarded-for', ip)
      if (knownDevice) request.withEncryptedCookie('known_device', knownDevice)
      return request.withCsrfToken().redirects(0)
    }
    // The owner signs in from her laptop: the browser is now known for this account.
    const first = await attempt('clave-buena-123', '192.0.2.10')
    const known = first.cookie('known_device')?.value
    assert.exists(known, 'a long-lived known-device cookie is set at sign-in')
    const cookies = ([] as string[]).concat(first.header('set-cookie') ?? [])
    assert.match(
      cookies.find((c) => c.startsWith('known_device='))!,
      /Max-Age=\d{7,}/
    )

    // A stranger guesses from several addresses: 5 failures, then each try must wait.
    for (let i = 0; i < 5; i++) {
      const failed = await attempt(`Verano202${i}`, `203.0.113.${i + 1}`)
      failed.assertFlashMessage('inputErrorsBag', { login: ['Correo o contraseña incorrectos.'] })
    }
    for (let i = 0; i < 25; i++) {
      const slowed = await attempt(`Invierno${i}`, `203.0.113.${i + 20}`)
      slowed.assertFlashMessage(
        'error',
        'Demasiados intentos. Inténtelo de nuevo dentro de 1 minuto.'
      )
    }
    // Even the right password waits on an unknown device…
    const unknown = await attempt('clave-buena-123', '203.0.113.200')
    assert.notProperty(unknown.session(), 'auth_web')
    // …but the owner's laptop signs straight in, and that clears the failures.
    const owner = await attempt('clave-buena-123', '192.0.2.10', known)
    owner.assertHeader('location', '/')
    assert.property(owner.session(), 'auth_web')
    const afterwards = await attempt('clave-buena-123', '203.0.113.201')
    afterwards.assertHeader('location', '/')
  }).timeout(60_000)

  test('the wait grows with each failure (up to 15 minutes) and is told in whole minutes', async ({
    client,
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(org, {}, { email: 'crece@prueba.test', password: 'clave-buena-123' })
    const guess = (language: string) =>
      client
        .post('/login')
        .form({ email: 'crece@prueba.test', password: 'mala' })
        .header('accept-language', language)
        .withCsrfToken()
        .redirects(0)
    // 13 failures: the 14th attempt waits 2^9 s = 512 s, told as 9 minutes.
    for (let n = 0; n < 13; n++) await countAccountFailure('crece@prueba.test')
    assert.closeTo(await accountLoginWait('crece@prueba.test'), 512, 5)
    ;(await guess('es')).assertFlashMessage(
      'error',
      'Demasiados intentos. Inténtelo de nuevo dentro de 9 minutos.'
    )
    ;(await guess('en')).assertFlashMessage('error', 'Too many attempts. Try again in 9 minutes.')
    for (let n = 0; n < 10; n++) await countAccountFailure('crece@prueba.test')
    assert.closeTo(
      await accountLoginWait('crece@prueba.test'),
      900,
      5,
      'never more than 15 minutes'
    )
  })
})
