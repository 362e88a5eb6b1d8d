import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { adminWorld } from '#tests/functional/admin/_helpers'

/**
 * What every signed-in request reads from the shared cache (app/support/cache.ts) changes on
 * the very next request after the change: the signed-in user. (Revoked, expired and deactivated
 * sessions and changed passwords: tests/functional/auth; a module's cached list pages, counts
 * and owners filter: the CRM module's own request_cache tests.)
 */
test.group('The cached signed-in user follows every change', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the signed-in user's own changes show on the next page", async ({ client, assert }) => {
    const { admin } = await adminWorld()
    const shell = async () => {
      const response = await client.get('/').loginAs(admin).withInertia()
      return response.inertiaProps.shell as { user: { fullName: string; locale: string } }
    }
    assert.equal((await shell()).user.locale, 'es')
    const saved = await client
      .put('/profile')
      .form({ fullName: 'Otro Nombre', locale: 'en', timezone: 'Europe/Madrid' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    const after = await shell()
    assert.equal(after.user.fullName, 'Otro Nombre')
    assert.equal(after.user.locale, 'en')
  })
})
