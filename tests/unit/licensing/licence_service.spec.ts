import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import licenceConfig from '#config/licence'
import { LicenceError, LicenceService } from '#app/licensing/licence_service'
import { installer } from '#app/registry/services'
import { testLicence } from '#tests/helpers/licences'
import { createOrganization, createUser } from '#tests/helpers/world'

const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10)

/** A service of its own (no cache) so nothing leaks into the process-wide one. */
const service = (overrides: Partial<typeof licenceConfig> = {}) =>
  new LicenceService({ ...licenceConfig, cacheSeconds: 0, ...overrides })

async function licenceError(promise: Promise<unknown>): Promise<LicenceError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof LicenceError) return error
    throw error
  }
  throw new Error('expected a LicenceError')
}

test.group('LicenceService · entitlement', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('without a licence: evaluation mode, every module (empresa), 10 seats', async ({
    assert,
  }) => {
    assert.deepEqual(await service().entitlement(), {
      mode: 'evaluation',
      tier: 'empresa',
      seats: 10,
      licence: null,
      problem: null,
    })
  })

  test('a valid installed licence is in force', async ({ assert }) => {
    const licences = service()
    const installed = await licences.install(
      testLicence({ id: 'lic-ok', tier: 'profesional', seats: 7 }),
      null
    )
    assert.deepInclude(installed, { id: 'lic-ok', tier: 'profesional', seats: 7 })
    const entitlement = await licences.entitlement()
    assert.deepInclude(entitlement, {
      mode: 'licensed',
      tier: 'profesional',
      seats: 7,
      problem: null,
    })
    assert.equal(entitlement.licence?.id, 'lic-ok')
  })

  test('an expired licence keeps working during the grace period, with a warning', async ({
    assert,
  }) => {
    const licences = service()
    await licences.install(
      testLicence({
        id: 'lic-gracia',
        tier: 'empresa',
        seats: 30,
        issuedAt: day(-60),
        expiresAt: day(-5),
      }),
      null,
      new Date(Date.now() - 10 * 86400_000)
    )
    const entitlement = await licences.entitlement()
    assert.deepInclude(entitlement, { mode: 'grace', tier: 'empresa', seats: 30 })
    assert.equal(entitlement.problem?.code, 'expired')
    assert.equal(entitlement.problem?.graceUntil, day(25))
  })

  test(
    'past the grace period an expired licence falls back to the ' +
      'basic tier (not evaluation), keeps its seats, and loses no data',
    async ({ assert }) => {
      const licences = service()
      const org = await createOrganization(['sonda'])
      const user = await createUser(org, { permissions: ['sonda.items.view'] })
      const text = testLicence({
        id: 'lic-caduca',
        tier: 'empresa',
        seats: 3,
        issuedAt: day(-400),
        expiresAt: day(-31),
      })
      // Installed while it was valid, read today.
      await licences.install(text, user.id, new Date(Date.now() - 40 * 86400_000))

      const entitlement = await licences.entitlement()
      assert.deepInclude(entitlement, {
        mode: 'restricted',
        tier: 'basico',
        seats: 3,
        licence: null,
      })
      assert.equal(entitlement.problem?.code, 'expired')
      assert.equal(entitlement.problem?.detail, `expired on ${day(-31)}`)
      assert.equal(entitlement.problem?.licence?.id, 'lic-caduca')

      const stored = await db.from('licences').orderBy('id', 'desc').first()
      assert.equal(
        stored.licence_id,
        'lic-caduca',
        'the licence file is kept, to be replaced by a renewal'
      )
      assert.equal(stored.content, text)
      assert.isTrue(
        (await (await installer()).installed(org.id)).has('sonda'),
        'installed modules stay installed'
      )
      assert.equal(
        (await db.from('users').where('id', user.id).first()).is_active ? 1 : 0,
        1,
        'users stay active'
      )
    }
  )

  test('a licence edited in the database is not believed', async ({ assert }) => {
    const licences = service()
    await licences.install(testLicence({ tier: 'basico', seats: 2 }), null)
    const row = await db.from('licences').orderBy('id', 'desc').first()
    await db
      .from('licences')
      .where('id', row.id)
      .update({ content: row.content.replace('"seats":2', '"seats":200') })
    const entitlement = await licences.entitlement()
    assert.equal(
      entitlement.mode,
      'restricted',
      'a forged licence unlocks nothing: not even evaluation'
    )
    assert.equal(entitlement.tier, 'basico')
    assert.equal(entitlement.seats, 10)
    assert.equal(entitlement.problem?.code, 'bad_signature')
  })

  test('install() refuses a bad file with its reason and keeps the previous licence', async ({
    assert,
  }) => {
    const licences = service()
    await licences.install(testLicence({ id: 'lic-anterior', tier: 'profesional', seats: 9 }), null)
    const before = await db.from('licences').count('* as total').first()

    const cases: [string, string][] = [
      ['{ roto', 'malformed'],
      [testLicence({ expiresAt: day(-1), issuedAt: day(-10) }), 'expired'],
      [testLicence({ issuedAt: day(2), expiresAt: day(30) }), 'not_yet_valid'],
      [testLicence({ seats: 5 }).replace('"seats":5', '"seats":500'), 'bad_signature'],
    ]
    for (const [text, code] of cases) {
      const error = await licenceError(licences.install(text, null))
      assert.equal(error.code, code)
      assert.isNotEmpty(error.message)
    }

    const after = await db.from('licences').count('* as total').first()
    assert.equal(Number(after.total), Number(before.total), 'nothing was stored')
    const entitlement = await licences.entitlement()
    assert.deepInclude(entitlement, { mode: 'licensed', tier: 'profesional', seats: 9 })
    assert.equal(entitlement.licence?.id, 'lic-anterior')
  })

  test('the newest valid licence wins, stored trimmed', async ({ assert }) => {
    const licences = service()
    await licences.install(testLicence({ id: 'lic-1', tier: 'basico' }), null)
    await licences.install(
      `\n  ${testLicence({ id: 'lic-2', tier: 'empresa', seats: 40 })}\n\n`,
      null
    )
    const entitlement = await licences.entitlement()
    assert.equal(entitlement.licence?.id, 'lic-2')
    assert.equal(entitlement.seats, 40)
    const row = await db.from('licences').orderBy('id', 'desc').first()
    assert.isTrue(row.content.startsWith('{') && row.content.endsWith('}'))
  })

  test('an instance caches the licence for cacheSeconds; forget() and install() refresh it', async ({
    assert,
  }) => {
    const cached = service({ cacheSeconds: 3600 })
    assert.equal((await cached.entitlement()).mode, 'evaluation')
    await db.table('licences').insert({
      content: testLicence({ id: 'lic-otra-instancia' }),
      licence_id: 'lic-otra-instancia',
      installed_by: null,
      installed_at: '2026-01-01 00:00:00',
    })
    assert.equal((await cached.entitlement()).mode, 'evaluation', 'still the cached answer')
    await cached.forget()
    assert.equal((await cached.entitlement()).licence?.id, 'lic-otra-instancia')
  })
})
