import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, signIn } from '#tests/helpers/browser'
import { crmUser, insertCompanies } from '#modules/crm/tests/helpers'

/*
 * J/K on a record opened from a list go on past the list page it came from: the next page's
 * rows are fetched when J is pressed on the last one, the previous page's when K is pressed on
 * the first.
 */
test.group('Browser: J/K across list pages', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('J from the 25th company opens the 26th; K from the 26th opened on page 2 opens the 25th', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const email = `paginas-${Date.now()}@prueba.test`
    const user = await crmUser(org, 'all', {
      email,
      password: 'clave-paginas-1',
      fullName: 'Pablo Páginas',
    } as any)
    await insertCompanies(org, 30, (i) => ({
      name: `Empresa ${String(i + 1).padStart(2, '0')}`,
      owner_id: user.id,
    }))
    const rows = await db
      .from('crm_companies')
      .where('organization_id', org.id)
      .orderBy('name')
      .select('id', 'name')
    assert.lengthOf(rows, 30)
    const id = (n: number) => rows[n - 1].id
    const record = (n: number) => `${baseUrl()}/crm/companies/${id(n)}`

    const { context, page } = await newPage(browser, 1280)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, email, 'clave-paginas-1')
      await page.goto(`${baseUrl()}/crm/companies?per=25`)
      await page.getByRole('link', { name: 'Empresa 25', exact: true }).click()
      await page.waitForURL(record(25))
      await page.getByRole('heading', { name: 'Empresa 25' }).waitFor()
      await page.locator('body').click({ position: { x: 5, y: 300 } })

      await page.keyboard.press('j')
      await page.waitForURL(record(26))
      await page.getByRole('heading', { name: 'Empresa 26' }).waitFor()
      await page.keyboard.press('j')
      await page.waitForURL(record(27))
      await page.getByRole('heading', { name: 'Empresa 27' }).waitFor()
      // Back through the remembered rows into the first page.
      for (const n of [26, 25, 24]) {
        await page.keyboard.press('k')
        await page.waitForURL(record(n))
        await page.getByRole('heading', { name: `Empresa ${n}` }).waitFor()
      }

      // Opened from the second page, K on its first row goes back to the first page's last.
      await page.goto(`${baseUrl()}/crm/companies?per=25`)
      await page.getByTestId('next-page').first().click()
      await page.getByRole('link', { name: 'Empresa 26', exact: true }).click()
      await page.waitForURL(record(26))
      await page.getByRole('heading', { name: 'Empresa 26' }).waitFor()
      await page.locator('body').click({ position: { x: 5, y: 300 } })
      await page.keyboard.press('k')
      await page.waitForURL(record(25))
      await page.getByRole('heading', { name: 'Empresa 25' }).waitFor()
    } finally {
      await context.close()
    }
  }).timeout(300_000)
})
