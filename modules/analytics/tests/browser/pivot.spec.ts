import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { baseUrl, launchBrowser, newPage, signIn } from '#tests/helpers/browser'
import { resetCubeEngine } from '../../engine/engine.js'
import { analyticsWorld } from '../world.js'

const SHOTS = '/tmp/shots-pivot'
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })

/** Picks an option of a Mantine Select/MultiSelect by its label. */
async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click()
  await page.getByRole('option', { name: option, exact: true }).click()
  await page.keyboard.press('Escape')
}

test.group('Browser: pivot tables and reports', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })
  group.each.setup(() => resetCubeEngine())

  test('a manager builds a pivot, drills into a figure, saves it and reopens the saved report', async ({
    assert,
  }) => {
    const { users } = await analyticsWorld()
    await db.from('users').where('id', users.manager.id).update({ email: 'gerente@pivot.test' })
    users.manager.password = 'clave-gerente-1'
    await users.manager.save()
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'gerente@pivot.test', 'clave-gerente-1')
      await page.goto(`${baseUrl()}/analytics/pivot`)
      await page.getByRole('heading', { name: 'Tabla dinámica' }).waitFor()
      await pick(page, 'Medidas', 'Importe')
      await pick(page, 'Filas', 'Responsable')
      const table = page.getByRole('table')
      await table.getByRole('rowheader', { name: 'Rafa Comercial' }).waitFor()
      // Manager (hierarchy): Rafa 3 + Rita 2 opportunities, 7,000 + 3,500 €.
      const totalRow = table
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'Total' }) })
      await totalRow.getByText('10.500,00').waitFor()
      assert.include(await totalRow.innerText(), '5')
      assert.include(page.url(), 'q=')
      await shot(page, 'pivot-1280')

      await table
        .getByRole('button', { name: /Rita Comercial/ })
        .first()
        .click()
      const dialog = page.getByRole('dialog', { name: 'Registros detrás de la cifra' })
      await dialog.getByRole('link', { name: 'Opp Rita Comercial 3000' }).waitFor()
      await dialog.getByRole('link', { name: 'Opp Rita Comercial 500' }).waitFor()
      await shot(page, 'pivot-drill-1280')
      await page.keyboard.press('Escape')

      await page.getByRole('button', { name: 'Guardar', exact: true }).click()
      const modal = page.getByRole('dialog', { name: 'Guardar informe' })
      await modal.getByRole('button', { name: 'Guardar' }).click()
      const nameError = modal.getByRole('alert')
      await nameError.waitFor()
      assert.notInclude(await nameError.innerText(), 'analytics.')
      await modal.getByLabel('Nombre').fill('Cartera por comercial')
      await modal.getByRole('button', { name: 'Guardar' }).click()
      await page.getByRole('heading', { name: 'Cartera por comercial' }).waitFor()
      const saved = await db
        .from('analytics_reports')
        .where('owner_id', users.manager.id)
        .firstOrFail()
      assert.equal(saved.name, 'Cartera por comercial')

      await page.goto(`${baseUrl()}/analytics/reports`)
      await page.getByRole('link', { name: 'Cartera por comercial' }).click()
      await page.getByRole('heading', { name: 'Cartera por comercial' }).waitFor()
      await page.getByRole('table').getByText('10.500,00').first().waitFor()
      await shot(page, 'report-1280')

      // A link reproduces a pivot: by owner and creation month, drawn as bars.
      const state = {
        view: 'crm_pipeline',
        measures: ['crm_pipeline.amount_minor'],
        rows: ['crm_pipeline.owner_name'],
        columns: [],
        time: {
          dimension: 'crm_pipeline.created_at',
          granularity: 'month',
          axis: 'columns',
          dateRange: ['2026-01-01', '2026-03-31'],
        },
        filters: [],
        chart: 'bar',
      }
      await page.goto(`${baseUrl()}/analytics/pivot?q=${encodeURIComponent(JSON.stringify(state))}`)
      await page.getByRole('columnheader', { name: /feb 2026/i }).waitFor()
      await page.locator('.recharts-bar-rectangle').first().waitFor()
      // The date range as the app writes dates (dd/mm/aaaa), not the browser's format.
      assert.equal((await page.getByLabel('Desde').innerText()).trim(), '01/01/2026')
      assert.equal((await page.getByLabel('Hasta').innerText()).trim(), '31/03/2026')
      await shot(page, 'pivot-chart-1280')
    } catch (error) {
      await shot(page, 'failure')
      throw error
    } finally {
      await context.close()
    }

    const narrow = await newPage(browser, 375)
    try {
      await signIn(narrow.page, 'gerente@pivot.test', 'clave-gerente-1')
      await narrow.page.goto(`${baseUrl()}/analytics/reports`)
      await narrow.page.getByRole('link', { name: 'Cartera por comercial' }).first().waitFor()
      await shot(narrow.page, 'reports-375')
      await narrow.page.getByRole('link', { name: 'Cartera por comercial' }).first().click()
      await narrow.page.getByRole('table').getByText('10.500,00').first().waitFor()
      await shot(narrow.page, 'report-375')
      const width = await narrow.page.evaluate<number>('document.documentElement.scrollWidth')
      assert.isAtMost(width, 375, 'the page does not scroll sideways; the table does')
    } finally {
      await narrow.context.close()
    }
  }).timeout(180_000)
})
