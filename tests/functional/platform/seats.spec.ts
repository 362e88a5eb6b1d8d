import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { LicenceError, licences } from '#app/licensing/licence_service'
import { testLicence } from '#tests/helpers/licences'
import { createOrganization, createUser } from '#tests/helpers/world'

async function seatsError(promise: Promise<unknown>): Promise<LicenceError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof LicenceError) return error
    throw error
  }
  throw new Error('expected a LicenceError')
}

test.group('Platform · seat limit', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('assertSeats refuses when active users would exceed the licensed seats', async ({
    assert,
  }) => {
    const already = await licences.activeUsers()
    await licences.install(testLicence({ seats: already + 2 }), null)
    const org = await createOrganization()

    await createUser(org)
    await licences.assertSeats()
    await createUser(org)
    assert.equal(await licences.activeUsers(), already + 2)

    const error = await seatsError(licences.assertSeats())
    assert.equal(error.code, 'seats_exceeded')
    assert.equal(error.message, `seat limit reached: ${already + 2} of ${already + 2} in use`)
    assert.deepEqual(error.meta, { active: already + 2, seats: already + 2, mode: 'licensed' })
  })

  test('deactivated users free their seat; activating several at once counts them all', async ({
    assert,
  }) => {
    const already = await licences.activeUsers()
    await licences.install(testLicence({ seats: already + 3 }), null)
    const org = await createOrganization()
    await createUser(org)
    const leaving = await createUser(org)
    await createUser(org, {}, { isActive: false })

    await licences.assertSeats(1)
    await seatsError(licences.assertSeats(2))

    leaving.isActive = false
    await leaving.save()
    await licences.assertSeats(2)
    const error = await seatsError(licences.assertSeats(3))
    assert.deepInclude(error.meta, { active: already + 1, seats: already + 3 })
  })

  test('seats count across every organization of the deployment', async ({ assert }) => {
    const already = await licences.activeUsers()
    await licences.install(testLicence({ seats: already + 2 }), null)
    await createUser(await createOrganization())
    await createUser(await createOrganization())
    const error = await seatsError(licences.assertSeats())
    assert.equal(error.meta.active, already + 2)
  })

  test('without a licence the evaluation allows 10 active users', async ({ assert }) => {
    const already = await licences.activeUsers()
    assert.equal((await licences.entitlement()).mode, 'evaluation')
    const org = await createOrganization()
    for (let i = already; i < 10; i++) await createUser(org)
    assert.equal(await licences.activeUsers(), Math.max(already, 10))
    const error = await seatsError(licences.assertSeats())
    assert.deepInclude(error.meta, { seats: 10, mode: 'evaluation' })
  })
})
