import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUser } from '#tests/helpers/world'
import { adminWorld, write } from '#tests/functional/admin/_helpers'
import { licences } from '#app/licensing/licence_service'
import { companyPayload } from '../helpers.js'

/**
 * The CRM's list pages read counts and the owners filter from the shared cache
 * (app/support/cache.ts): they change on the very next request after the change.
 */
test.group(
  'CRM · cached list pages and counts, and the owners filter, follow every change',
  (group) => {
    group.each.setup(() => testUtils.db().withGlobalTransaction())

    test('a company created, edited or deleted changes the cached list page and count at once', async ({
      client,
      assert,
    }) => {
      const { admin } = await adminWorld(['crm'])
      const page = async (query = '') => {
        const response = await client.get(`/crm/companies${query}`).loginAs(admin).withInertia()
        response.assertStatus(200)
        return response.inertiaProps as {
          count: { value: number; capped: boolean }
          companies: { name: string; type: string; city: string | null; ownerName: string | null }[]
        }
      }
      const list = async (query = '') => (await page(query)).count
      assert.deepEqual(await list(), { value: 0, capped: false })
      assert.deepEqual(await list('?type=proveedor'), { value: 0, capped: false })

      await client
        .post('/crm/companies')
        .json(companyPayload())
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
      const company = await db
        .from('crm_companies')
        .where({ organization_id: admin.organizationId, nif: 'B12345674' })
        .firstOrFail()
      assert.deepEqual(await list(), { value: 1, capped: false })
      const [row] = (await page()).companies
      assert.equal(row.type, 'cliente')
      assert.equal(row.city, 'Madrid')
      assert.equal(row.ownerName, admin.fullName)
      assert.deepEqual(await list('?type=proveedor'), { value: 0, capped: false })

      await client
        .put(`/crm/companies/${company.id}`)
        .json(companyPayload({ type: 'proveedor' }))
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
      const stored = await db.from('crm_companies').where('id', company.id).firstOrFail()
      assert.equal(stored.type, 'proveedor')
      assert.deepEqual(await list('?type=proveedor'), { value: 1, capped: false })
      assert.equal((await page()).companies[0].type, 'proveedor')

      // The owner's new name shows in the (cached) page at once.
      admin.fullName = 'Dirección Renombrada'
      await admin.save()
      assert.equal((await page()).companies[0].ownerName, 'Dirección Renombrada')

      await client
        .delete(`/crm/companies/${company.id}`)
        .loginAs(admin)
        .withCsrfToken()
        .withInertia()
      // Deleting moves it to the recycle bin: the row stays, marked.
      const binned = await db.from('crm_companies').where('id', company.id).firstOrFail()
      assert.isNotNull(binned.deleted_at)
      assert.deepEqual(await list(), { value: 0, capped: false })
      assert.deepEqual(await list('?type=proveedor'), { value: 0, capped: false })
      assert.lengthOf((await page()).companies, 0)
    })

    test('a user created, renamed or deactivated shows in the owners filter and the seat count at once', async ({
      client,
      assert,
    }) => {
      const { org, admin } = await adminWorld(['crm'])
      const owners = async () => {
        const response = await client.get('/crm/companies').loginAs(admin).withInertia()
        return (response.inertiaProps.owners as { label: string }[]).map((o) => o.label)
      }
      const seats = () => licences.activeUsers(undefined, org.id)
      const before = await owners()
      const activeBefore = await seats()

      const user = await createUser(org, {}, { fullName: 'Nuria Campos' })
      assert.includeMembers(await owners(), [...before, 'Nuria Campos'])
      assert.equal(await seats(), activeBefore + 1)

      user.fullName = 'Nuria Campos Ruiz'
      await user.save()
      const renamed = await owners()
      assert.include(renamed, 'Nuria Campos Ruiz')
      assert.notInclude(renamed, 'Nuria Campos')

      ;(await write(client.post(`/admin/users/${user.id}/deactivate`), admin)).assertStatus(302)
      assert.equal(await seats(), activeBefore)
      // People who have left stay in the filter (their records keep them as owner).
      assert.include(await owners(), 'Nuria Campos Ruiz')
    })
  }
)
