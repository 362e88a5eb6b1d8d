import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompanies } from '#modules/crm/tests/helpers'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

/** Names in the first cells of the table, in order. */
async function names(page: Page) {
  return (await page.locator('tbody tr td[data-column="name"] a').allInnerTexts()).map((s) =>
    s.trim()
  )
}

/** Header texts of the table, in order. */
async function headers(page: Page) {
  return (await page.locator('thead th').allInnerTexts()).map((s) => s.trim())
}

test.group('Browser: the list component (sort, columns, density, chips, phone cards)', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('sort by header, hide and reorder a column, compact shows 15+ rows, remove a chip', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all', {
      email: 'lista-v2@prueba.test',
      password: 'clave-lista-v2',
      fullName: 'Lista Dos',
    } as any)
    await insertCompanies(org, 40, (i) => ({
      name: `Empresa ${String(i).padStart(2, '0')}`,
      type: i % 2 ? 'cliente' : 'prospecto',
      owner_id: user.id,
    }))
    const { context, page } = await newPage(browser, 1280)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, 'lista-v2@prueba.test', 'clave-lista-v2')
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.locator('tbody tr').first().waitFor()
      assert.equal((await names(page))[0], 'Empresa 00')
      const nameHeader = page.getByRole('columnheader', { name: /Nombre/ })
      assert.equal(await nameHeader.getAttribute('aria-sort'), 'ascending')

      // Click the header: descending, in the URL; by keyboard back to ascending.
      await page.getByTestId('sort-name').click()
      await page.waitForURL(/sort=-name/)
      await page.getByRole('link', { name: 'Empresa 39' }).waitFor()
      assert.equal((await names(page))[0], 'Empresa 39')
      assert.equal(await nameHeader.getAttribute('aria-sort'), 'descending')
      await page.getByTestId('sort-name').focus()
      await page.keyboard.press('Enter')
      await page.waitForURL((u) => !u.search.includes('sort='))
      await page.getByRole('link', { name: 'Empresa 00' }).waitFor()

      // Columns: hide "Sector", move "Teléfono" up.
      assert.include(await headers(page), 'Sector')
      await page.getByRole('button', { name: 'Columnas' }).click()
      const menu = page.getByTestId('columns-menu')
      await menu.getByRole('checkbox', { name: 'Sector', exact: true }).click()
      await page.waitForURL(/cols=/)
      await page.waitForFunction(
        `![...document.querySelectorAll('thead th')].some((th) => th.textContent === 'Sector')`
      )
      const before = await headers(page)
      const at = before.indexOf('Teléfono')
      await menu.getByRole('button', { name: 'Subir Teléfono' }).click()
      await page.waitForFunction(
        `document.querySelectorAll('thead th')[${at - 1}]?.textContent?.includes('Teléfono')`
      )
      const after = await headers(page)
      assert.equal(after.indexOf('Teléfono'), at - 1)
      assert.notInclude(after, 'Sector')
      await page.keyboard.press('Escape')

      // The link reproduces the list: reload keeps the columns.
      await page.reload()
      await page.locator('thead th').first().waitFor()
      assert.deepEqual(await headers(page), after)

      // Compact density at 1280×800 with 50 rows per page: at least 15 rows fully on screen.
      await page.setViewportSize({ width: 1280, height: 800 })
      await page.getByText('Compacta', { exact: true }).click()
      await page.waitForURL(/density=compact/)
      await page.getByTestId('per-page').click()
      await page.getByRole('option', { name: '50 por página' }).click()
      await page.waitForURL(/per=50/)
      await page.getByRole('link', { name: 'Empresa 39' }).waitFor()
      await page.evaluate(`window.scrollTo(0, 0)`)
      const visible = await page.evaluate<number>(
        `[...document.querySelectorAll('tbody tr')].filter(
          (tr) => tr.getBoundingClientRect().bottom <= window.innerHeight
        ).length`
      )
      assert.isAtLeast(visible, 15, `${visible} rows visible in compact at 1280×800`)
      await page.screenshot({ path: 'tmp/screenshots/list-compact-1280.png' })

      // A quick filter becomes a toggle; a filter becomes a removable chip.
      await page.getByText('Clientes', { exact: true }).click()
      await page.waitForURL(/type=cliente/)
      await page.getByTestId('chip-type').waitFor()
      assert.equal(await page.getByTestId('list-count').textContent(), '1–20 de 20 empresas')
      await page.getByRole('button', { name: /Quitar filtro Tipo/ }).click()
      await page.waitForURL((u) => !u.search.includes('type='))
      await page.getByText('1–40 de 40 empresas').waitFor()
      assert.equal(await page.getByTestId('chip-type').count(), 0)
      assert.include(page.url(), 'density=compact', 'the rest of the state is kept')

      // Nothing matches: said so, with "Quitar filtros".
      await page.goto(`${baseUrl()}/crm/companies?type=cliente&city=Nowhere`)
      await page.getByText('Nada coincide con estos filtros').waitFor()
      await page.getByRole('button', { name: 'Quitar filtros' }).last().click()
      await page.getByText('1–25 de 40 empresas').waitFor()
    } finally {
      await context.close()
    }
  })

  test('at 375 px rows are cards with the primary fields, the phone a tel: link; a rep is told her scope', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own', {
      email: 'lista-movil@prueba.test',
      password: 'clave-lista-movil',
      fullName: 'Móvil Dos',
    } as any)
    const other = await crmUser(org, 'own')
    await insertCompanies(org, 3, (i) => ({ name: `Mía ${i}`, owner_id: user.id }))
    await insertCompanies(org, 2, (i) => ({ name: `Ajena ${i}`, owner_id: other.id }))
    const company = await db
      .from('crm_companies')
      .where({ organization_id: org.id, name: 'Mía 0' })
      .first()
    await db.table('crm_phones').insert({
      organization_id: org.id,
      company_id: company.id,
      value: '+34912345678',
      value_normalized: '+34912345678',
      is_primary: true,
      position: 0,
    })
    const { context, page } = await newPage(browser, 375)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, 'lista-movil@prueba.test', 'clave-lista-movil')
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.getByTestId('list-cards').waitFor()
      assert.equal(await page.locator('table').count(), 0, 'no table on a phone')
      const phone = page.getByRole('link', { name: '+34 912 345 678' })
      assert.equal(await phone.getAttribute('href'), 'tel:+34912345678')
      assert.isTrue(await phone.isVisible())
      assert.equal(await page.getByTestId('scope-note').textContent(), 'Viendo sus registros · 3')
      // Filters behind one button.
      assert.isFalse(await page.getByRole('textbox', { name: 'Localidad' }).isVisible())
      await page.getByTestId('toggle-filters').click()
      await page.getByRole('textbox', { name: 'Localidad' }).waitFor({ state: 'visible' })
      await page.getByTestId('toggle-filters').click()
      await page.getByRole('textbox', { name: 'Localidad' }).waitFor({ state: 'hidden' })
      assert.isAtMost(
        await page.evaluate<number>(`document.documentElement.scrollWidth`),
        375,
        'no horizontal scroll'
      )
      await screenshot(page, 'list-375')
    } finally {
      await context.close()
    }
  })
})
