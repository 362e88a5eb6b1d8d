import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'
import { safeStringify } from '@poppinss/utils/json'

/**
 * The app key encrypts cookies and signs URLs. `npm run setup` writes a random one to .env.
 */
export const appKey = new Secret(env.get('APP_KEY'))

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: false,
  /**
   * JSON bodies (Inertia visits, APIs) with the native serializer, several times faster than the
   * framework's default; only a value it refuses (a BigInt, a circular reference) takes the
   * default's path, which writes BigInts as strings and drops circular references.
   */
  serializeJSON: (payload: unknown) => {
    try {
      return JSON.stringify(payload)
    } catch {
      return safeStringify(payload)
    }
  },
  cookie: {
    domain: '',
    path: '/',
    // No default lifetime (0 = none; leaving it out would inherit the framework's 2 h): the
    // session cookie goes when the browser closes and the idle timeout is the server's (see
    // config/session.ts); cookies that must last set their own maxAge.
    maxAge: 0,
    httpOnly: true,
    secure: app.inProduction && env.get('APP_URL', '').startsWith('https'),
    sameSite: 'lax',
  },
})
