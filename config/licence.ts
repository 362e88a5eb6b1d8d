import { readFileSync } from 'node:fs'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import type { Tier } from '#app/registry/types'

/**
 * The Cartera project's licence signing key (public half). Deployments that issue their own
 * licences add keys with LICENCE_PUBLIC_KEYS (PEM blocks separated by "|").
 */
const CARTERA_VENDOR_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAwWnfeqm/dwP0ssYwfeNLyLNydeGN/Q+CtkvSG1PYJFk=
-----END PUBLIC KEY-----`

const licenceConfig = {
  publicKeys: [
    CARTERA_VENDOR_KEY,
    ...(env.get('LICENCE_PUBLIC_KEYS') ?? '').split('|').filter((k) => k.trim()),
    // The test suite signs licences with tests/fixtures/licence/test-private.pem (whose private
    // half is public): trusted only under NODE_ENV=test AND when scripts/test.mjs asks for it.
    ...(app.inTest && process.env.CARTERA_TRUST_TEST_LICENCE_KEY === '1'
      ? [readFileSync(app.makePath('tests/fixtures/licence/test-public.pem'), 'utf8')]
      : []),
  ],
  /** Before any licence is installed: every module, up to this many active users. */
  evaluation: { tier: 'empresa' as Tier, seats: 10 },
  /** An expired licence keeps working this many days, with a warning. */
  graceDays: 30,
  /**
   * Once a licence has been installed, a refused one (expired past the grace period, tampered,
   * malformed) leaves this tier; seats stay those of the genuine licence (evaluation seats if its
   * signature fails). Data and installed modules are kept; modules above the tier are closed.
   */
  restrictedTier: 'basico' as Tier,
  /** Seconds an instance trusts its cached copy of the installed licence. */
  cacheSeconds: app.inTest ? 0 : 60,
}

export default licenceConfig
