import { test } from '@japa/runner'

test.group('GET /health', () => {
  test('answers without session, CSRF, auth or language work (no cookie is set)', async ({
    client,
    assert,
  }) => {
    const health = await client.get('/health')
    health.assertStatus(200)
    health.assertBody({ ok: true })
    assert.isUndefined(health.header('set-cookie'), 'no session or XSRF cookie')

    // A page sets both: the check above is not vacuous.
    const login = await client.get('/login')
    login.assertStatus(200)
    assert.match(String(login.header('set-cookie')), /XSRF-TOKEN=/)
  })

  test('other methods on /health go through the router', async ({ client }) => {
    const post = await client.post('/health').redirects(0)
    post.assertStatus(404)
  })
})
