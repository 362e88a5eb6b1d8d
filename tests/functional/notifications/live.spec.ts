import { test } from '@japa/runner'
import { request } from 'node:http'
import { randomUUID } from 'node:crypto'
import testUtils from '@adonisjs/core/services/test_utils'
import { createOrganization, createUser } from '#tests/helpers/world'
import { notify } from '#app/notifications/notify'
import { inbox } from '#app/notifications/inbox'
import { setUserActive } from '#app/admin/users/set_user_active'

const channel = (userId: number) => `users/${userId}/notifications`
const base = () => `http://${process.env.HOST}:${process.env.PORT}`

/**
 * Signs in over real HTTP as a browser does (the test client ends its sessions after each
 * request): cookies of the login page, then the form with the XSRF header. Returns a cookie jar
 * and a function that POSTs JSON with it.
 */
async function browserSession(email: string, password: string) {
  const jar = new Map<string, string>()
  const keep = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const at = pair.indexOf('=')
      jar.set(pair.slice(0, at), pair.slice(at + 1))
    }
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const post = async (path: string, body: Record<string, unknown>, form = false) => {
    const response = await fetch(base() + path, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Cookie': cookie(),
        'X-XSRF-TOKEN': decodeURIComponent(jar.get('XSRF-TOKEN') ?? ''),
        'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      },
      body: form
        ? new URLSearchParams(body as Record<string, string>).toString()
        : JSON.stringify(body),
    })
    keep(response)
    return response
  }
  keep(await fetch(base() + '/login', { redirect: 'manual' }))
  const login = await post('/login', { email, password }, true)
  if (login.status !== 302 || login.headers.get('location') !== '/')
    throw new Error(`sign-in failed: ${login.status} ${login.headers.get('location')}`)
  // Follow the redirect as a browser does (signing in renews the CSRF secret; its answer
  // already carries the new XSRF-TOKEN cookie, and the first page keeps whatever it sets).
  keep(await fetch(base() + '/', { redirect: 'manual', headers: { Cookie: cookie() } }))
  return { cookie, post }
}

/** A notification for one user (of the example module's kind). */
const noteFor = (organizationId: number, userId: number) =>
  notify({
    organizationId,
    recipients: [userId],
    kind: 'ejemplo.nota_creada',
    message: {
      key: 'ejemplo.notifications.nota_creada_message',
      params: { author: 'X', title: 'Y' },
    },
  })

/** A real server-sent-events connection over HTTP, collecting what it receives. */
function openStream(uid: string, cookie: string) {
  const received: string[] = []
  let req: ReturnType<typeof request>
  let ended = false
  const opened = new Promise<number>((resolve, reject) => {
    req = request(
      `http://${process.env.HOST}:${process.env.PORT}/__transmit/events?uid=${uid}`,
      { headers: { Cookie: cookie, Accept: 'text/event-stream' } },
      (res) => {
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => received.push(chunk))
        res.on('end', () => (ended = true))
        res.on('close', () => (ended = true))
        resolve(res.statusCode ?? 0)
      }
    )
    req.on('error', reject)
    req.end()
  })
  return {
    opened,
    received,
    async waitFor(text: string, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      while (!received.join('').includes(text)) {
        if (Date.now() > deadline) throw new Error(`no "${text}" on the stream: ${received}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    /** Waits until the server ends the response (true), or gives up (false). */
    async ends(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      while (!ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      return ended
    },
    close: () => req.destroy(),
  }
}

test.group('Notifications: live over server-sent events', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the subscribe route needs a session and a stream of that session', async ({ client }) => {
    const org = await createOrganization()
    const ana = await createUser(org)
    const anonymous = await client
      .post('/__transmit/subscribe')
      .json({ uid: randomUUID(), channel: channel(ana.id) })
      .withCsrfToken()
      .redirects(0)
    anonymous.assertStatus(302)
    // Signed in, but no stream opened with that id: nothing to subscribe.
    const noStream = await client
      .post('/__transmit/subscribe')
      .json({ uid: randomUUID(), channel: channel(ana.id) })
      .loginAs(ana)
      .withCsrfToken()
    noStream.assertStatus(400)
  })

  test('her own channel only; a notification reaches her open stream, and a read too', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const ana = await createUser(
      org,
      {},
      { email: 'ana.live@prueba.test', password: 'clave-buena-123' }
    )
    const eva = await createUser(org)
    const session = await browserSession('ana.live@prueba.test', 'clave-buena-123')
    const uid = randomUUID()
    const stream = openStream(uid, session.cookie())
    try {
      assert.equal(await stream.opened, 200)
      const refused = await session.post('/__transmit/subscribe', { uid, channel: channel(eva.id) })
      assert.equal(refused.status, 400, "another user's channel is refused")
      const own = await session.post('/__transmit/subscribe', { uid, channel: channel(ana.id) })
      assert.equal(own.status, 204)

      const [id] = await noteFor(org.id, ana.id)
      await stream.waitFor(`"id":${id}`)
      assert.include(stream.received.join(''), '"type":"created"')
      await inbox.markRead(ana.id, id)
      await stream.waitFor('"type":"read"')
    } finally {
      stream.close()
    }
  })

  test('without a session no stream opens', async ({ assert }) => {
    const stream = openStream(randomUUID(), '')
    try {
      assert.notEqual(await stream.opened, 200)
    } finally {
      stream.close()
    }
  })

  test('signing out everywhere ends the other sessions’ streams; a reconnection is refused', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const ana = await createUser(
      org,
      {},
      { email: 'ana.revoke@prueba.test', password: 'clave-buena-123' }
    )
    const here = await browserSession('ana.revoke@prueba.test', 'clave-buena-123')
    const there = await browserSession('ana.revoke@prueba.test', 'clave-buena-123')
    const hereUid = randomUUID()
    const thereUid = randomUUID()
    const hereStream = openStream(hereUid, here.cookie())
    const thereStream = openStream(thereUid, there.cookie())
    try {
      assert.equal(await hereStream.opened, 200)
      assert.equal(await thereStream.opened, 200)
      const sub = (s: typeof here, uid: string) =>
        s.post('/__transmit/subscribe', { uid, channel: channel(ana.id) })
      assert.equal((await sub(here, hereUid)).status, 204)
      assert.equal((await sub(there, thereUid)).status, 204)

      const revoke = await here.post('/profile/sessions/revoke', {})
      assert.equal(revoke.status, 302)
      assert.isTrue(await thereStream.ends(), 'the revoked session’s stream is closed')
      assert.isFalse(await hereStream.ends(300), 'this device’s stream stays open')

      const [id] = await noteFor(org.id, ana.id)
      await hereStream.waitFor(`"id":${id}`)
      assert.notInclude(thereStream.received.join(''), `"id":${id}`)

      // The browser's reconnection with the revoked session gets no stream.
      const again = openStream(thereUid, there.cookie())
      try {
        assert.notEqual(await again.opened, 200)
      } finally {
        again.close()
      }
    } finally {
      hereStream.close()
      thereStream.close()
    }
  })

  test('deactivating a user and signing out close her streams', async ({ assert }) => {
    const org = await createOrganization()
    const admin = await createUser(org, { isAdmin: true })
    await createUser(org, {}, { email: 'eva.revoke@prueba.test', password: 'clave-buena-123' })
    const ana = await createUser(
      org,
      {},
      { email: 'ana.off@prueba.test', password: 'clave-buena-123' }
    )
    const eva = await browserSession('eva.revoke@prueba.test', 'clave-buena-123')
    const evaStream = openStream(randomUUID(), eva.cookie())
    const session = await browserSession('ana.off@prueba.test', 'clave-buena-123')
    const stream = openStream(randomUUID(), session.cookie())
    try {
      assert.equal(await stream.opened, 200)
      assert.equal(await evaStream.opened, 200)
      await setUserActive({
        organizationId: org.id,
        actorId: admin.id,
        userId: ana.id,
        active: false,
      })
      assert.isTrue(await stream.ends(), 'the deactivated user’s stream is closed')
      assert.isFalse(await evaStream.ends(300), 'another user’s stream is not')

      const logout = await eva.post('/logout', {})
      assert.equal(logout.status, 302)
      assert.isTrue(await evaStream.ends(), 'signing out closes this session’s stream')
    } finally {
      stream.close()
      evaStream.close()
    }
  })
})
