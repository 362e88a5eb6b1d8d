import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompanies } from '#modules/crm/tests/helpers'
import { baseUrl, launchBrowser, newPage, signIn } from '#tests/helpers/browser'

/** Ticks the selection box of a company's row. */
async function select(page: Page, name: string) {
  await page
    .locator('tbody tr')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .first()
    .getByRole('checkbox', { name: 'Seleccionar fila' })
    .check()
}

test.group('Browser: export of a selection', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('the bar exports the selected rows as a file (ids in a POST body)', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const email = `seleccion-${Date.now()}@prueba.test`
    await crmUser(org, 'all', { email, password: 'clave-seleccion-1' } as any)
    await insertCompanies(org, 3, (i) => ({ name: ['Alfa Uno', 'Beta Dos', 'Gamma Tres'][i] }))
    const { context, page } = await newPage(browser, 1280)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, email, 'clave-seleccion-1')
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.getByRole('link', { name: 'Gamma Tres', exact: true }).waitFor()
      await select(page, 'Alfa Uno')
      await select(page, 'Gamma Tres')
      await page.getByTestId('bulk-actions').click()
      const requests: string[] = []
      page.on('request', (r) => {
        if (r.url().includes('/bulk/export')) requests.push(`${r.method()} ${r.url()}`)
      })
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: 'CSV' }).click(),
      ])
      const file = await readFile((await download.path())!, 'utf8')
      assert.include(file, 'Alfa Uno')
      assert.include(file, 'Gamma Tres')
      assert.notInclude(file, 'Beta Dos')
      assert.match(download.suggestedFilename(), /\.csv$/)
      assert.deepEqual(requests, [`POST ${baseUrl()}/crm/companies/bulk/export`])
    } finally {
      await context.close()
    }
  }).timeout(180_000)
})
