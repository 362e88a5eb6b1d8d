import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompany } from '#modules/crm/tests/helpers'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

const EMAIL = 'vistas@prueba.test'
const PASSWORD = 'clave-vistas-1'

/** Names in the list's first column (table at 1280 px). */
async function shownNames(page: Page) {
  return (await page.locator('tbody tr td[data-column="name"] a').allInnerTexts())
    .map((s) => s.trim())
    .sort()
}

test.group('Browser: saved views', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('filter the companies list, save it as the default view: a tab, and the list opens at it', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all', {
      email: EMAIL,
      password: PASSWORD,
      fullName: 'Vera Vistas',
    } as any)
    for (const name of ['Ferretería Norte', 'Ferretería Sur', 'Conservas Atlántico'])
      await insertCompany(org, { name, owner_id: user.id })

    const { context, page } = await newPage(browser)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, EMAIL, PASSWORD)
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.getByRole('tab', { name: 'Todos' }).waitFor()
      // Nothing to save while the list is unfiltered.
      assert.equal(await page.getByTestId('save-view').count(), 0)
      await page.getByTestId('search').fill('Ferret')
      await page.getByTestId('search').press('Enter')
      await page.waitForURL(/q=Ferret/)
      await page.getByTestId('save-view').click()
      await page.getByTestId('view-name').fill('Ferreterías')
      await page.getByTestId('view-default').check()
      await screenshot(page, 'saved-views-save-dialog-1280')
      await page.getByTestId('view-submit').click()

      const tab = page.getByRole('tab', { name: /Ferreterías/ })
      await tab.waitFor()
      await page.waitForURL(/view=\d+&q=Ferret/)
      assert.equal(await tab.getAttribute('aria-selected'), 'true')
      assert.deepEqual(await shownNames(page), ['Ferretería Norte', 'Ferretería Sur'])
      // The address bar now matches the tab: nothing left to save.
      assert.equal(await page.getByTestId('save-view').count(), 0)
      const view = await db.from('saved_views').where('owner_id', user.id).firstOrFail()
      assert.equal(view.state, 'q=Ferret')
      await screenshot(page, 'saved-views-1280')

      // Shared through the view's menu: the tab is marked as shared.
      await page.getByTestId('view-menu').click()
      await page.getByRole('menuitem', { name: 'Compartir' }).click()
      await page.getByRole('dialog').getByText('Compartida', { exact: true }).click()
      await page.getByText('Sin roles ni equipos, la ve toda la organización.').waitFor()
      await screenshot(page, 'saved-views-share-dialog-1280')
      await page.getByTestId('view-submit').click()
      await page
        .getByRole('tab', { name: /Ferreterías/ })
        .getByRole('img', { name: 'Compartida' })
        .waitFor()
      const shared = await db.from('saved_views').where('id', view.id).firstOrFail()
      assert.equal(shared.visibility, 'shared')

      // "Todos" shows everything; the list opened afresh shows the default view.
      await page.getByRole('tab', { name: 'Todos' }).click()
      await page.waitForURL(/view=all/)
      await page.getByRole('link', { name: 'Conservas Atlántico' }).waitFor()
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.waitForURL(new RegExp(`view=${view.id}&q=Ferret`))
      await page.getByRole('tab', { name: /Ferreterías/, selected: true }).waitFor()
      assert.deepEqual(await shownNames(page), ['Ferretería Norte', 'Ferretería Sur'])
      // Its only filter removed, the list is the whole list ("Todos"), not the view once more.
      await page.getByTestId('search').fill('')
      await page.getByTestId('search').press('Enter')
      await page.waitForURL(/view=all/)
      await page.getByRole('link', { name: 'Conservas Atlántico' }).waitFor()
    } finally {
      await context.close()
    }

    const phone = await newPage(browser, 375)
    phone.page.setDefaultTimeout(60_000)
    try {
      await signIn(phone.page, EMAIL, PASSWORD)
      await phone.page.goto(`${baseUrl()}/crm/companies`)
      await phone.page.waitForURL(/view=\d+&q=Ferret/)
      const select = phone.page.getByTestId('view-select')
      await select.waitFor()
      assert.equal(await select.inputValue(), 'Ferreterías ★')
      await screenshot(phone.page, 'saved-views-375')
    } finally {
      await phone.context.close()
    }
  }).timeout(300_000)
})
