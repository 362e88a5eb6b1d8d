import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import { TIERS, type Tier } from '#app/registry/types'

export const LICENCE_FORMAT = 'cartera-licence/1'

/** What a licence grants. Dates are ISO calendar dates (YYYY-MM-DD), valid through expiresAt. */
export interface LicencePayload {
  id: string
  customer: string
  tier: Tier
  /** Maximum number of active users in the deployment. */
  seats: number
  issuedAt: string
  expiresAt: string
}

export interface SignedLicence {
  format: typeof LICENCE_FORMAT
  licence: LicencePayload
  /** Ed25519 signature (base64) of canonical(licence). */
  signature: string
}

export type LicenceProblem = 'malformed' | 'bad_signature' | 'expired' | 'not_yet_valid'

export type VerifyResult =
  | { ok: true; licence: LicencePayload }
  | { ok: false; problem: LicenceProblem; licence?: LicencePayload; detail: string }

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Stable JSON: keys sorted, so the signature does not depend on key order. */
export function canonical(payload: LicencePayload): string {
  // Code-point order: the same on every machine, whatever its locale or ICU version.
  const sorted = Object.fromEntries(
    Object.entries(payload).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  )
  return JSON.stringify(sorted)
}

/** Signs a licence with the vendor's private key (PEM). Used by `node ace licence:issue`. */
export function signLicence(payload: LicencePayload, privateKeyPem: string): SignedLicence {
  const key = createPrivateKey(privateKeyPem)
  const signature = sign(null, Buffer.from(canonical(payload)), key).toString('base64')
  return { format: LICENCE_FORMAT, licence: payload, signature }
}

export function parsePublicKeys(pems: string[]): KeyObject[] {
  return pems.filter((p) => p.trim()).map((pem) => createPublicKey(pem.trim()))
}

function checkPayload(value: any): string | null {
  if (!value || typeof value !== 'object') return 'licence payload missing'
  if (typeof value.id !== 'string' || !value.id) return 'id missing'
  if (typeof value.customer !== 'string' || !value.customer) return 'customer missing'
  if (!TIERS.includes(value.tier)) return `tier must be one of ${TIERS.join(', ')}`
  if (!Number.isInteger(value.seats) || value.seats < 1) return 'seats must be a positive integer'
  if (!DATE.test(value.issuedAt ?? '') || !DATE.test(value.expiresAt ?? ''))
    return 'dates must be YYYY-MM-DD'
  return null
}

/**
 * Verifies a licence file's text against the trusted public keys at `now`. The signature is
 * checked before anything in the payload is believed.
 */
export function verifyLicence(
  text: string,
  publicKeys: KeyObject[],
  now = new Date()
): VerifyResult {
  let parsed: any
  try {
    parsed = JSON.parse(text)
  } catch {
    return { ok: false, problem: 'malformed', detail: 'not valid JSON' }
  }
  if (parsed?.format !== LICENCE_FORMAT) {
    return { ok: false, problem: 'malformed', detail: `format must be ${LICENCE_FORMAT}` }
  }
  const shapeError = checkPayload(parsed.licence)
  if (shapeError) return { ok: false, problem: 'malformed', detail: shapeError }
  if (typeof parsed.signature !== 'string')
    return { ok: false, problem: 'malformed', detail: 'signature missing' }

  const licence: LicencePayload = {
    id: parsed.licence.id,
    customer: parsed.licence.customer,
    tier: parsed.licence.tier,
    seats: parsed.licence.seats,
    issuedAt: parsed.licence.issuedAt,
    expiresAt: parsed.licence.expiresAt,
  }
  // Extra fields would not be covered by the signature of the known ones: refuse them.
  if (Object.keys(parsed.licence).length !== Object.keys(licence).length) {
    return { ok: false, problem: 'bad_signature', detail: 'unexpected fields in licence' }
  }
  const data = Buffer.from(canonical(licence))
  const signature = Buffer.from(parsed.signature, 'base64')
  const trusted = publicKeys.some((key) => {
    try {
      return verify(null, data, key, signature)
    } catch {
      return false
    }
  })
  if (!trusted)
    return { ok: false, problem: 'bad_signature', detail: 'signature does not match', licence }

  const today = now.toISOString().slice(0, 10)
  if (today > licence.expiresAt)
    return { ok: false, problem: 'expired', detail: `expired on ${licence.expiresAt}`, licence }
  if (today < licence.issuedAt)
    return {
      ok: false,
      problem: 'not_yet_valid',
      detail: `valid from ${licence.issuedAt}`,
      licence,
    }
  return { ok: true, licence }
}
