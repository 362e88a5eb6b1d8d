import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { createOrganization } from '#tests/helpers/world'
import { crmUser } from '#modules/crm/tests/helpers'
import { baseUrl, launchBrowser, newPage, signIn } from '#tests/helpers/browser'

/** The test id (else the id) of the focused element. */
const focused = (page: Page) => page.evaluate(() => {
  // The server's TypeScript has no DOM types; this runs in the browser.
  const el = (globalThis as any).document.activeElement
  return String(el?.getAttribute('data-testid') ?? el?.id ?? el?.tagName ?? '')
})

test.group('Browser: CRM forms', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('"Nueva empresa" opens with the cursor in Nombre; Tab goes on to Razón social', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    await crmUser(org, 'own', { email: 'foco@prueba.test', password: 'clave-foco-1', fullName: 'Foco Prueba' } as any)
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'foco@prueba.test', 'clave-foco-1')
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.getByRole('link', { name: 'Nueva empresa' }).first().click()
      await page.waitForURL(`${baseUrl()}/crm/companies/create`)
      await page.getByTestId('company-name').waitFor()
      assert.equal(await focused(page), 'company-name')
      await page.keyboard.type('Conservas')
      assert.equal(await page.getByTestId('company-name').inputValue(), 'Conservas')
      await page.keyboard.press('Tab')
      assert.equal(await focused(page), await page.getByLabel('Razón social').getAttribute('id'))
      // Loaded directly too, not only after an in-app visit.
      await page.goto(`${baseUrl()}/crm/companies/create`)
      await page.getByTestId('company-name').waitFor()
      assert.equal(await focused(page), 'company-name')
    } finally {
      await context.close()
    }
  })
})
