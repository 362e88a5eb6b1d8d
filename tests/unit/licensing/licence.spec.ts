import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import {
  LICENCE_FORMAT,
  canonical,
  parsePublicKeys,
  signLicence,
  verifyLicence,
  type LicencePayload,
} from '#app/licensing/licence'

const fixture = (name: string) => readFileSync(app.makePath('tests/fixtures/licence', name), 'utf8')
const NOW = new Date('2026-06-15T12:00:00Z')

function payload(overrides: Partial<LicencePayload> = {}): LicencePayload {
  return {
    id: 'lic-0001',
    customer: 'Distribuciones Prueba S.L.',
    tier: 'profesional',
    seats: 12,
    issuedAt: '2026-01-01',
    expiresAt: '2026-12-31',
    ...overrides,
  }
}

let keys: KeyObject[]
let privateKey: string
const sign = (p: LicencePayload = payload(), key = privateKey) =>
  JSON.stringify(signLicence(p, key))
const edit = (text: string, change: (parsed: any) => void) => {
  const parsed = JSON.parse(text)
  change(parsed)
  return JSON.stringify(parsed)
}

test.group('Licences · signature and validity', (group) => {
  group.setup(() => {
    privateKey = fixture('test-private.pem')
    keys = parsePublicKeys([fixture('test-public.pem')])
  })

  test('a valid licence verifies and yields exactly its payload', ({ assert }) => {
    const text = sign()
    assert.equal(JSON.parse(text).format, LICENCE_FORMAT)
    assert.deepEqual(verifyLicence(text, keys, NOW), { ok: true, licence: payload() })
  })

  test('the first and the last day of validity count', ({ assert }) => {
    assert.isTrue(verifyLicence(sign(), keys, new Date('2026-01-01T00:00:00Z')).ok)
    assert.isTrue(verifyLicence(sign(), keys, new Date('2026-12-31T23:59:59Z')).ok)
  })

  test('key order in the file does not matter (canonical form)', ({ assert }) => {
    const signed = signLicence(payload(), privateKey)
    const reordered = {
      signature: signed.signature,
      licence: Object.fromEntries(Object.entries(signed.licence).reverse()),
      format: signed.format,
    }
    assert.isTrue(verifyLicence(JSON.stringify(reordered), keys, NOW).ok)
    assert.equal(
      canonical(payload()),
      canonical(Object.fromEntries(Object.entries(payload()).reverse()) as LicencePayload)
    )
  })

  for (const [field, value] of [
    ['seats', 500],
    ['tier', 'empresa'],
    ['expiresAt', '2099-12-31'],
    ['customer', 'Otra Empresa S.A.'],
    ['id', 'lic-9999'],
  ] as const) {
    test(`a payload tampered after signing (${field}) is refused`, ({ assert }) => {
      const tampered = edit(sign(), (p) => (p.licence[field] = value))
      const result = verifyLicence(tampered, keys, NOW)
      assert.deepInclude(result, {
        ok: false,
        problem: 'bad_signature',
        detail: 'signature does not match',
      })
    })
  }

  test('a tampered signature is refused', ({ assert }) => {
    const text = sign()
    const flipped = edit(text, (p) => {
      const bytes = Buffer.from(p.signature, 'base64')
      bytes[0] ^= 0xff
      p.signature = bytes.toString('base64')
    })
    assert.deepInclude(verifyLicence(flipped, keys, NOW), { ok: false, problem: 'bad_signature' })
    assert.deepInclude(
      verifyLicence(
        edit(text, (p) => (p.signature = 'no es base64 ¿?')),
        keys,
        NOW
      ),
      { ok: false, problem: 'bad_signature' }
    )
    assert.deepInclude(
      verifyLicence(
        edit(text, (p) => (p.signature = '')),
        keys,
        NOW
      ),
      { ok: false, problem: 'bad_signature' }
    )
    assert.deepInclude(
      verifyLicence(
        edit(text, (p) => delete p.signature),
        keys,
        NOW
      ),
      { ok: false, problem: 'malformed', detail: 'signature missing' }
    )
  })

  test('a licence signed with another key is refused; any trusted key is enough', ({ assert }) => {
    const other = generateKeyPairSync('ed25519')
    const otherPem = other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const foreign = sign(payload(), otherPem)
    assert.deepInclude(verifyLicence(foreign, keys, NOW), { ok: false, problem: 'bad_signature' })
    assert.deepInclude(
      verifyLicence(sign(), [], NOW),
      { ok: false, problem: 'bad_signature' },
      'no trusted key, no licence'
    )

    const both = [...keys, other.publicKey]
    assert.isTrue(verifyLicence(foreign, both, NOW).ok)
    assert.isTrue(verifyLicence(sign(), both, NOW).ok)
  })

  test('an expired licence is reported as expired, with its payload', ({ assert }) => {
    const text = sign(payload({ expiresAt: '2026-06-14' }))
    const result = verifyLicence(text, keys, NOW)
    assert.deepEqual(result, {
      ok: false,
      problem: 'expired',
      detail: 'expired on 2026-06-14',
      licence: payload({ expiresAt: '2026-06-14' }),
    })
  })

  test('a licence not valid yet is reported as such', ({ assert }) => {
    const result = verifyLicence(sign(payload({ issuedAt: '2026-06-16' })), keys, NOW)
    assert.deepInclude(result, {
      ok: false,
      problem: 'not_yet_valid',
      detail: 'valid from 2026-06-16',
    })
  })

  test('malformed files are refused before any signature check', ({ assert }) => {
    const problem = (text: string) => {
      const result = verifyLicence(text, keys, NOW)
      assert.isFalse(result.ok)
      return result.ok ? null : [result.problem, result.detail]
    }
    assert.deepEqual(problem('{ esto no es json'), ['malformed', 'not valid JSON'])
    assert.deepEqual(problem(''), ['malformed', 'not valid JSON'])
    assert.deepEqual(problem('null'), ['malformed', `format must be ${LICENCE_FORMAT}`])
    assert.deepEqual(problem(edit(sign(), (p) => (p.format = 'cartera-licence/0'))), [
      'malformed',
      `format must be ${LICENCE_FORMAT}`,
    ])
    assert.deepEqual(problem(edit(sign(), (p) => delete p.licence)), [
      'malformed',
      'licence payload missing',
    ])
    assert.deepEqual(problem(edit(sign(), (p) => delete p.licence.customer)), [
      'malformed',
      'customer missing',
    ])
    assert.deepEqual(problem(edit(sign(), (p) => (p.licence.tier = 'oro'))), [
      'malformed',
      'tier must be one of basico, profesional, empresa',
    ])
    assert.deepEqual(problem(edit(sign(), (p) => (p.licence.seats = 0))), [
      'malformed',
      'seats must be a positive integer',
    ])
    assert.deepEqual(problem(edit(sign(), (p) => (p.licence.seats = '25'))), [
      'malformed',
      'seats must be a positive integer',
    ])
    assert.deepEqual(problem(edit(sign(), (p) => (p.licence.expiresAt = '31/12/2026'))), [
      'malformed',
      'dates must be YYYY-MM-DD',
    ])
  })

  test('extra fields are refused, even when the vendor signed them', ({ assert }) => {
    const added = edit(sign(), (p) => (p.licence.unlimited = true))
    assert.deepInclude(verifyLicence(added, keys, NOW), {
      ok: false,
      problem: 'bad_signature',
      detail: 'unexpected fields in licence',
    })

    // Signed over the extra field too: still refused, the format knows only its six fields.
    const withExtra = { ...payload(), modules: ['*'] } as unknown as LicencePayload
    const signedExtra = JSON.stringify(signLicence(withExtra, privateKey))
    assert.deepInclude(verifyLicence(signedExtra, keys, NOW), {
      ok: false,
      problem: 'bad_signature',
      detail: 'unexpected fields in licence',
    })
  })
})
