import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import Role from '#models/role'
import { createOrganization, createUser } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

test.group('Browser: roles in use', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('a role somebody holds names them and cannot be deleted; the form says so too', async ({
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(
      org,
      { isAdmin: true },
      { email: 'roles@prueba.test', password: 'clave-roles-123', fullName: 'Rita Roles' }
    )
    const role = await Role.create({ organizationId: org.id, name: 'Comercial', isAdmin: false })
    const holder = await createUser(org, {}, { fullName: 'Hugo Holder' })
    await db.table('user_roles').insert({ user_id: holder.id, role_id: role.id })
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'roles@prueba.test', 'clave-roles-123')
      await page.goto(`${baseUrl()}/admin/roles`)
      assert.equal(await page.getByTestId(`holders-${role.id}`).textContent(), 'Hugo Holder')
      const button = page.getByTestId(`delete-role-${role.id}`)
      assert.equal(await button.getAttribute('aria-disabled'), 'true')
      await button.hover()
      await page
        .getByRole('tooltip')
        .getByText('No se puede eliminar: lo tiene Hugo Holder.', { exact: false })
        .waitFor()
      await button.click({ force: true })
      assert.equal(
        await page.getByRole('dialog').count(),
        0,
        'no confirmation the server would refuse'
      )
      await screenshot(page, 'roles-in-use-1280')

      await page.goto(`${baseUrl()}/admin/roles/${role.id}/edit`)
      assert.include(await page.getByTestId('role-holders').textContent(), 'Hugo Holder')
      assert.equal(
        await page.getByTestId(`delete-role-${role.id}`).getAttribute('aria-disabled'),
        'true'
      )
      assert.isNotNull(await Role.find(role.id))
    } finally {
      await context.close()
    }
  })
})
