import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/session'
import { SessionCookieStore } from '#app/support/session_cookie_store'

/**
 * Session data lives in an encrypted, HttpOnly, SameSite=Lax cookie: no server memory, so any
 * app instance can answer any request. The cookie is cleared when the browser closes; `age`
 * (SESSION_IDLE_TIMEOUT, 8 h by default) is how long a session may sit idle before the server
 * asks for the password again ("remember me" sessions excepted), enforced by the access
 * middleware because a cookie store cannot expire sessions itself.
 */
const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'cartera_session',
  clearWithBrowser: true,
  age: env.get('SESSION_IDLE_TIMEOUT', '8h'),
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction && (env.get('APP_URL') ?? '').startsWith('https'),
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER', 'cookie'),
  stores: {
    // stores.cookie(), without re-writing an unchanged session (app/support/session_cookie_store.ts).
    cookie: (ctx, config) => new SessionCookieStore(config.cookie, ctx),
  },
})

export default sessionConfig
