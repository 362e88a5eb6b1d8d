import { test } from '@japa/runner'
import { HttpContextFactory } from '@adonisjs/core/factories/http'
import { SessionCookieStore } from '#app/support/session_cookie_store'

/** The store as the framework uses it, with a session cookie the browser sent. */
function storeWith(config: Record<string, unknown>) {
  const ctx = new HttpContextFactory().create()
  const store = new SessionCookieStore(config, ctx)
  store.read = () => ({ auth_web: 1, seen_at: 1_700_000_000 })
  const setCookies = () =>
    ([] as string[]).concat((ctx.response.getHeader('set-cookie') as any) ?? [])
  return { store, setCookies }
}

test.group('Session cookie store', () => {
  test('an unchanged browser-session cookie is not sent again; a changed one is', ({ assert }) => {
    const { store, setCookies } = storeWith({ path: '/', httpOnly: true })
    store.touch('sid')
    assert.lengthOf(setCookies(), 0, 'touch: nothing to renew on a cookie without a lifetime')
    store.write('sid', { auth_web: 1, seen_at: 1_700_000_060 })
    assert.lengthOf(setCookies(), 1)
    assert.match(setCookies()[0], /^sid=/)
  })

  test('a cookie with a lifetime of its own is renewed on every touch', ({ assert }) => {
    const { store, setCookies } = storeWith({ path: '/', httpOnly: true, maxAge: 3600 })
    store.touch('sid')
    assert.lengthOf(setCookies(), 1)
    assert.match(setCookies()[0], /Max-Age=3600/)
  })
})
