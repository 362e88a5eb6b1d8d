import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { createOrganization, createUser } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

test.group('Browser: admin list filters (shared FilterPanel)', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    // A cold Vite dev server on a busy machine can take longer than one navigation's timeout to
    // serve the shell the first time: load it once here, with room.
    const { context, page } = await newPage(browser)
    await page.goto(`${baseUrl()}/login`, { timeout: 120_000 })
    await context.close()
    return () => browser.close()
  })

  test('users on a phone: filters fold behind "Filtros", count what is set and clear', async ({
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(
      org,
      { isAdmin: true },
      { email: 'filtros@prueba.test', password: 'clave-filtros-123', fullName: 'Fina Filtros' }
    )
    await createUser(org, {}, { fullName: 'Ines Inactiva', isActive: false })
    const { context, page } = await newPage(browser, 375)
    try {
      await signIn(page, 'filtros@prueba.test', 'clave-filtros-123')
      await page.goto(`${baseUrl()}/admin/users`)
      const status = page.locator('input[aria-label="Estado"]')
      const toggle = page.getByTestId('toggle-filters')
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'folded on a phone')
      await toggle.click()
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true')
      await status.click()
      await page.getByRole('option', { name: 'Inactivo', exact: true }).click()
      await page.waitForURL(/status=inactive/)
      await page.getByRole('link', { name: 'Ines Inactiva' }).waitFor()
      assert.equal(await page.getByRole('link', { name: 'Fina Filtros' }).count(), 0)
      assert.include(await toggle.textContent(), '1', 'the button counts the filter set')
      await screenshot(page, 'admin-users-filters-375')
      await page.getByRole('button', { name: 'Quitar filtros' }).click()
      await page.waitForURL(`${baseUrl()}/admin/users`)
      await page.getByRole('link', { name: 'Fina Filtros' }).waitFor()
    } finally {
      await context.close()
    }
  })

  test('audit on a desktop: every filter in view, no "Filtros" button', async ({ assert }) => {
    const org = await createOrganization()
    await createUser(
      org,
      { isAdmin: true },
      { email: 'audita@prueba.test', password: 'clave-audita-123' }
    )
    const { context, page } = await newPage(browser, 1280)
    try {
      await signIn(page, 'audita@prueba.test', 'clave-audita-123')
      await page.goto(`${baseUrl()}/admin/audit`)
      await page.locator('input[aria-label="Acción"]').waitFor()
      assert.isTrue(await page.locator('[aria-label="Hasta"]').first().isVisible())
      assert.equal(await page.getByTestId('toggle-filters').count(), 0)
    } finally {
      await context.close()
    }
  })
})
