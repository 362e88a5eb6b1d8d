import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { reindexResource } from '#app/search/indexer'
import { createOrganization, createUser } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'
import { insertCompany, insertContact } from '../helpers.js'

test.group('Browser: command palette', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('Ctrl+K opens the palette, typing finds a company, Enter opens it; it is then among the recent ones', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    await createUser(
      org,
      { isAdmin: true },
      { email: 'paleta@prueba.test', password: 'clave-paleta-1', fullName: 'Marta Paleta' }
    )
    const company = await insertCompany(org, {
      name: 'Ferretería Andalucía Sur',
      legal_name: 'Suministros Béticos S.L.',
      nif: 'B12345674',
    })
    await insertCompany(org, { name: 'Conservas del Cantábrico' })
    await insertContact(org, { first_name: 'Ana', last_name: 'Andújar', company_id: company })
    await reindexResource('crm.companies', { organizationId: org.id })
    await reindexResource('crm.contacts', { organizationId: org.id })

    const { context, page } = await newPage(browser)
    try {
      // The first page of a run waits for Vite to compile the bundle: slow on a busy machine.
      page.setDefaultTimeout(90_000)
      await page.goto(`${baseUrl()}/login`, { timeout: 180_000 })
      await signIn(page, 'paleta@prueba.test', 'clave-paleta-1')
      // Ctrl+K works while a field has the focus too (here the companies list's search box).
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.getByTestId('search').focus()
      await page.keyboard.press('Control+K')
      const input = page.getByRole('textbox', { name: 'Buscar en Cartera' })
      await input.waitFor()
      assert.isTrue(
        await input.evaluate((el: any) => el === el.ownerDocument.activeElement),
        'focused'
      )
      // Empty: the actions the user may take and the pages.
      await page.getByRole('button', { name: 'Nueva empresa' }).waitFor()
      await page.getByRole('button', { name: 'Empresas' }).waitFor()

      await input.fill('andalucia')
      // The company (title and subtitle), then its contact (subtitle: the company).
      const hit = page.getByTestId('palette-result').first()
      await hit.filter({ hasText: 'Suministros Béticos S.L. · B12345674' }).waitFor()
      assert.include(await hit.textContent(), 'Ferretería Andalucía Sur')
      await page.getByTestId('palette-result').filter({ hasText: 'Ana Andújar' }).waitFor()
      await screenshot(page, 'palette-1280')
      // Arrows move the selection; Enter opens the selected entry (the first one, back up).
      await input.press('ArrowDown')
      assert.equal(await hit.getAttribute('data-selected'), null)
      await input.press('ArrowUp')
      assert.equal(await hit.getAttribute('data-selected'), 'true')
      await input.press('Enter')
      await page.waitForURL(`${baseUrl()}/crm/companies/${company}`)
      await page.getByRole('heading', { name: 'Ferretería Andalucía Sur' }).waitFor()

      await page.keyboard.press('Control+K')
      await input.waitFor()
      assert.equal(await input.inputValue(), '', 'a fresh query')
      // Recent records first (the group's label is drawn by CSS, from a style variable); the
      // group appears once the palette has read them back.
      await page.locator('.mantine-Spotlight-actionsGroup[style*="Recientes"]').first().waitFor()
      const first = page.locator('.mantine-Spotlight-actionsGroup').first()
      assert.include(await first.getAttribute('style'), 'Recientes')
      await first.getByRole('button', { name: /^Ferretería Andalucía Sur/ }).waitFor()
      await page.keyboard.press('Escape')
      await input.waitFor({ state: 'hidden' })
    } finally {
      await context.close()
    }

    const phone = await newPage(browser, 375)
    try {
      phone.page.setDefaultTimeout(90_000)
      await signIn(phone.page, 'paleta@prueba.test', 'clave-paleta-1')
      await phone.page.getByTestId('palette-trigger-mobile').click()
      const input = phone.page.getByRole('textbox', { name: 'Buscar en Cartera' })
      await input.fill('cantabrico')
      await phone.page
        .getByTestId('palette-result')
        .filter({ hasText: 'Conservas del Cantábrico' })
        .waitFor()
      await screenshot(phone.page, 'palette-375')
    } finally {
      await phone.context.close()
    }
  }).timeout(400_000)
})
