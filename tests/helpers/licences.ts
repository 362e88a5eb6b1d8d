import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { signLicence, type LicencePayload } from '#app/licensing/licence'

/** Signs a licence with the test key that config/licence.ts trusts under NODE_ENV=test. */
export function testLicence(overrides: Partial<LicencePayload> = {}): string {
  const today = new Date()
  const inAYear = new Date(today.getTime() + 365 * 86400_000)
  const payload: LicencePayload = {
    id: `test-${Math.random().toString(36).slice(2)}`,
    customer: 'Cliente de Prueba S.L.',
    tier: 'empresa',
    seats: 25,
    issuedAt: today.toISOString().slice(0, 10),
    expiresAt: inAYear.toISOString().slice(0, 10),
    ...overrides,
  }
  const key = readFileSync(app.makePath('tests/fixtures/licence/test-private.pem'), 'utf8')
  return JSON.stringify(signLicence(payload, key))
}
