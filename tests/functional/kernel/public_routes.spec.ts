import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import { installer } from '#app/registry/services'
import { signedUrl } from '#app/public/signed_links'
import { WEBHOOK_HEADER, webhookSecrets, webhookSignature } from '#app/public/webhook_secrets'
import { dbTimestamp } from '#app/support/dates'
import { createOrganization, createUser } from '#tests/helpers/world'
import app from '@adonisjs/core/services/app'
import { Route, RouteGroup } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'
import { assertGuarded } from '#start/routes/public'
import type { PublicGuard } from '#app/registry/types'

/** The path and query of an absolute link (the test client adds its own origin). */
const local = (url: string) => {
  const parsed = new URL(url)
  return `${parsed.pathname}${parsed.search}`
}

async function world() {
  const org = await createOrganization(['ejemplo'])
  const [id] = await db
    .table('ejemplo_notas')
    .insert({ organization_id: org.id, text: 'Nota pública', created_at: dbTimestamp() })
    .returning('id')
  const notaId = typeof id === 'object' ? id.id : id
  const link = (
    options: Partial<{
      purpose: string
      expiresIn: number | string
      qs: Record<string, string>
    }> = {}
  ) =>
    local(
      signedUrl(
        'ejemplo.public.nota',
        { id: notaId },
        { organization: org, purpose: 'ejemplo.nota.view', expiresIn: '1 hour', ...options }
      )
    )
  return { org, notaId, link }
}

test.group('Kernel · public routes of modules (/p/<module>/<organization>)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear())

  test('a signed link opens without signing in, sets no cookie and carries no user data', async ({
    client,
    assert,
  }) => {
    const { org, link } = await world()
    const response = await client.get(link()).accept('json')
    response.assertStatus(200)
    response.assertBodyContains({ module: 'ejemplo', nota: { text: 'Nota pública' } })
    assert.match(link(), new RegExp(`^/p/ejemplo/${org.slug}/notas/\\d+\\?expires=\\d+&signature=`))
    assert.notExists(response.header('set-cookie'), 'no session, CSRF or any other cookie')
    assert.equal(response.header('referrer-policy'), 'no-referrer', 'the signature stays here')
    assert.equal(response.header('cache-control'), 'no-store')

    // A signed-in visitor's session is not read either: the shell stays empty.
    const user = await createUser(org, { isAdmin: true }, { fullName: 'Usuaria Secreta' })
    const signedIn = await client.get(link()).loginAs(user).accept('json')
    signedIn.assertStatus(200)
    assert.notInclude(signedIn.text(), 'Usuaria Secreta')
    const page = await client
      .get(link({ expiresIn: -1 }))
      .loginAs(user)
      .withInertia()
    page.assertStatus(410)
    page.assertInertiaComponent('errors/public_link')
    assert.deepInclude(page.inertiaProps.shell, { user: null, organization: null, permissions: [] })
    assert.notInclude(page.text(), 'Usuaria Secreta')
    assert.notInclude(page.text(), user.email)
  })

  test('a tampered, wrong-purpose or other-route link is refused with 403; an expired one with 410', async ({
    client,
    assert,
  }) => {
    const { notaId, link } = await world()
    const good = link()
    const tampered = good.replace(/signature=(.)/, (_, c) => `signature=${c === 'A' ? 'B' : 'A'}`)
    const otherRecord = good.replace(`/notas/${notaId}?`, `/notas/${notaId + 1}?`)
    const longer = good.replace(/expires=(\d+)/, (_, e) => `expires=${Number(e) + 3600}`)
    for (const url of [
      tampered,
      otherRecord,
      longer,
      link({ purpose: 'ejemplo.nota.edit' }),
      good.split('?')[0],
      good.replace('?expires', '?extra=1&expires'), // the query is signed too
      `${good}&extra=1`,
      link({ qs: { vista: 'breve' } }).replace('vista=breve', 'vista=larga'),
    ]) {
      const response = await client.get(url).accept('json')
      response.assertStatus(403)
      assert.match(response.body().message, /^Este enlace no es válido: puede estar incompleto/)
    }
    ;(await client.get(link({ qs: { vista: 'breve' } })).accept('json')).assertStatus(200)
    const expired = await client
      .get(link({ expiresIn: -1 }))
      .header('accept-language', 'en')
      .withInertia()
    expired.assertStatus(410)
    expired.assertInertiaComponent('errors/public_link')
    expired.assertInertiaPropsContains({ status: 410, reason: 'link_expired', locale: 'en' })
    const json = await client
      .get(link({ expiresIn: -1 }))
      .accept('json')
      .header('accept-language', 'en')
    json.assertBody({ message: 'This link has expired. Ask whoever sent it for a new one.' })
  })

  test('a webhook needs the organization secret: good, bad, stale and replayed signatures', async ({
    client,
    assert,
  }) => {
    const { org } = await world()
    const hook = { organizationId: org.id, module: 'ejemplo', name: 'notas' }
    const secret = await webhookSecrets.rotate(hook)
    const stored = await db.from('webhook_secrets').where('organization_id', org.id).first()
    assert.notInclude(stored.secret, secret, 'the secret is stored encrypted')
    assert.equal(await webhookSecrets.reveal(hook), secret)

    const url = `/p/ejemplo/${org.slug}/hooks/notas`
    const body = JSON.stringify({ text: 'Desde el ERP' })
    const now = Math.floor(Date.now() / 1000)
    const send = (signature: string | null, payload = body) => {
      const request = client.post(url).header('content-type', 'application/json').accept('json')
      if (signature) request.header(WEBHOOK_HEADER, signature)
      return request.form({}).json(JSON.parse(payload))
    }
    const notes = async () =>
      (await db.from('ejemplo_notas').where('organization_id', org.id).select('text')).map(
        (r) => r.text
      )

    const good = webhookSignature(secret, body, now)
    const accepted = await send(good)
    accepted.assertStatus(200)
    accepted.assertBody({ received: true })
    assert.notExists(accepted.header('set-cookie'))
    assert.include(await notes(), 'Desde el ERP')

    const refusals = [
      await send(good), // the same request again: replayed
      await send(null), // unsigned
      await send(webhookSignature('whsec_otro', body, now + 1)), // another secret
      await send(webhookSignature(secret, body, now + 2), JSON.stringify({ text: 'Cambiado' })),
      await send(webhookSignature(secret, body, now - 3600)), // outside the tolerance
    ]
    for (const response of refusals) {
      response.assertStatus(401)
      response.assertBody({ message: 'La firma de la petición no es válida o ha caducado.' })
    }
    assert.deepEqual(
      (await notes()).filter((t) => t !== 'Nota pública'),
      ['Desde el ERP']
    )

    // Another organization's secret does not open this one's hook.
    const other = await createOrganization(['ejemplo'])
    const otherSecret = await webhookSecrets.rotate({ ...hook, organizationId: other.id })
    const crossed = await send(webhookSignature(otherSecret, body, now + 3))
    crossed.assertStatus(401)
  })

  test('each route is rate limited per IP: 429 with Retry-After and a translated message', async ({
    client,
    assert,
  }) => {
    const { org } = await world()
    const url = `/p/ejemplo/${org.slug}/estado`
    for (let i = 0; i < 3; i++) (await client.get(url).accept('json')).assertStatus(200)
    const throttled = await client.get(url).accept('json')
    throttled.assertStatus(429)
    assert.isAbove(Number(throttled.header('retry-after')), 0)
    assert.equal(
      throttled.body().errors[0].message,
      'Demasiadas peticiones. Espere un momento e inténtelo de nuevo.'
    )
    const english = await client.get(url).header('accept-language', 'en')
    english.assertStatus(429)
    assert.equal(english.text(), 'Too many requests. Wait a moment and try again.')
  })

  test('a module disabled for the organization, or an unknown organization, answers 404', async ({
    client,
  }) => {
    const { org, link } = await world()
    const url = link()
    await (await installer()).uninstall(org.id, 'ejemplo')
    ;(await client.get(url).accept('json')).assertStatus(404)
    ;(await client.get(`/p/ejemplo/${org.slug}/estado`).accept('json')).assertStatus(404)

    const withoutIt = await createOrganization(['sonda'])
    ;(await client.get(`/p/ejemplo/${withoutIt.slug}/estado`).accept('json')).assertStatus(404)
    ;(await client.get('/p/ejemplo/no-existe/estado').accept('json')).assertStatus(404)
  })
})

test.group('Kernel · public routes are guarded at boot', () => {
  const route = (methods: string[], guard?: PublicGuard) => {
    const one = new Route(app, [], {
      pattern: '/hook',
      methods,
      handler: () => 'ok',
      globalMatchers: {},
    })
    if (guard) one.use(guard)
    return one
  }

  test('a state-changing public route without a webhook or signed guard fails the boot', ({
    assert,
  }) => {
    assert.throws(
      () => assertGuarded(new RouteGroup([route(['POST'])]), 'ejemplo'),
      /public route POST \/hook changes state without a webhook\(…\) or signed\(…\) guard/
    )
    assert.doesNotThrow(() => assertGuarded(new RouteGroup([route(['GET', 'HEAD'])]), 'ejemplo'))
    for (const guard of [
      middleware.publicWebhook({ module: 'ejemplo', name: 'notas' }),
      middleware.publicSigned({ purpose: 'ejemplo.nota.accept' }),
    ])
      assert.doesNotThrow(() =>
        assertGuarded(new RouteGroup([new RouteGroup([route(['PUT'], guard)])]), 'ejemplo')
      )
    assert.throws(() =>
      assertGuarded(
        new RouteGroup([
          route(['DELETE'], middleware.publicThrottle({ requests: 1, every: '1m' })),
        ]),
        'ejemplo'
      )
    )
  })
})
