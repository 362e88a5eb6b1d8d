import env from '#start/env'
import { defineConfig, drivers } from '@adonisjs/core/encryption'

/**
 * Cookies, the session and Inertia's encrypted history use ChaCha20-Poly1305 with the app key.
 * AdonisJS 6 used another format: sessions and cookies from before the move to AdonisJS 7 are
 * unreadable (users sign in again; no encrypted data was stored in the database).
 */
export default defineConfig({
  default: 'chacha',
  list: {
    chacha: drivers.chacha20({ id: 'chacha', keys: [env.get('APP_KEY')] }),
  },
})
