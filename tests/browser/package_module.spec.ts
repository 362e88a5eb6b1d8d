import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { createOrganization, createUser } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, signIn } from '#tests/helpers/browser'

/*
 * The package module `ejemplo` (tests/fixtures/cartera-modulo-ejemplo) in a real browser: its
 * home card with a Tabler icon the shell does not bundle, and its page, found by the page
 * resolver in the package's pages/ folder.
 */
test.group('Browser: a module package’s card, icon and page', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('the home card (drawn with the "notes" icon) opens the package’s page', async ({
    assert,
  }) => {
    const org = await createOrganization(['ejemplo'])
    await db
      .table('ejemplo_notas')
      .insert({ organization_id: org.id, text: 'Llamar a Acme', created_at: dbTimestamp() })
    await createUser(
      org,
      { permissions: ['ejemplo.notas.view'] },
      { email: 'notas@prueba.test', password: 'clave-notas-123' }
    )
    const { context, page } = await newPage(browser)
    try {
      // The first page load has Vite transform the shell: slow on a busy machine.
      await page.goto(`${baseUrl()}/login`, { timeout: 90_000 })
      await signIn(page, 'notas@prueba.test', 'clave-notas-123')
      const card = page.getByRole('link', { name: /Notas breves de la organización/ })
      await card.waitFor()
      await card.locator('svg.tabler-icon-notes').waitFor()
      await card.click()
      await page.getByRole('heading', { name: 'Notas', level: 2 }).waitFor()
      assert.equal(new URL(page.url()).pathname, '/ejemplo/notas/pagina')
      assert.isTrue(await page.getByText('Llamar a Acme').isVisible())
    } finally {
      await context.close()
    }
  }).timeout(120_000)
})
