import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { createUser } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'
import { analyticsWorld } from '../world.js'
import { insertQuotaRow } from '#modules/crm/contracts/index'

const RESOURCES = ['crm.opportunities', 'crm.leads', 'crm.activities', 'crm.companies']

/** Screenshots for the people who look at them (tmp/screenshots and /tmp/shots-dash). */
async function shoot(page: Page, name: string) {
  await screenshot(page, name)
  await page.screenshot({ path: `/tmp/shots-dash/${name}.png`, fullPage: true }).catch(() => {})
}

test.group('Browser: dashboards', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('Gerencia shows tiles with figures and charts; a tile drills into its records', async ({
    assert,
  }) => {
    const { org } = await analyticsWorld()
    await createUser(
      org,
      {
        permissions: [
          'analytics.view',
          'crm.dashboards.management',
          'crm.dashboards.team',
          'crm.dashboards.personal',
          ...RESOURCES.map((r) => `${r}.view`),
        ],
        scopes: Object.fromEntries(RESOURCES.map((r) => [r, 'all'])),
      },
      {
        email: 'gerencia-paneles@prueba.test',
        password: 'clave-paneles-1',
        fullName: 'Gema Gerencia',
      } as any
    )
    for (const width of [1280, 375]) {
      const { context, page } = await newPage(browser, width)
      try {
        await signIn(page, 'gerencia-paneles@prueba.test', 'clave-paneles-1')
        await page.goto(`${baseUrl()}/analytics/dashboards`)
        await page.getByRole('heading', { name: 'Paneles', exact: true }).waitFor()
        await page.getByRole('link', { name: /Gerencia/ }).click()
        await page.waitForURL(/\/analytics\/dashboards\/crm\/management/)
        // This year's tiles (world.ts: 2000 € won on 20 February 2026).
        const won = page.getByTestId('widget-won_period')
        await won
          .getByTestId('kpi-value')
          .filter({ hasText: /2\.000,00/ })
          .waitFor()
        // The period in the app's date format (dd/mm/aaaa), this year by default.
        const year = new Date().getUTCFullYear()
        await page.getByText(`Periodo: del 01/01/${year} al 31/12/${year}`).waitFor()
        await page.getByTestId('widget-funnel').getByTestId('chart').waitFor()
        await page
          .getByTestId('widget-won_monthly')
          .locator('.recharts-bar-rectangle')
          .first()
          .waitFor()
        await page.waitForTimeout(500)
        await shoot(page, `dashboard-management-${width}`)

        await won.getByRole('button').click()
        const drill = page.getByTestId('drill')
        await drill.getByRole('link', { name: 'Opp Rafa Comercial 2000' }).waitFor()
        assert.equal(await drill.getByRole('link').count(), 1)
        await shoot(page, `dashboard-drill-${width}`)
        assert.match(
          (await drill.getByRole('link').getAttribute('href')) ?? '',
          /^\/crm\/opportunities\/\d+$/
        )
      } finally {
        await context.close()
      }
    }
  })

  test("Personal shows the rep's quota attainment; Equipo its tables", async ({ assert }) => {
    const { org, users } = await analyticsWorld()
    await insertQuotaRow(
      org.id,
      { kind: 'user', userId: users.rep.id },
      Number(new Date().toISOString().slice(0, 4)),
      Array(12).fill(100_000)
    )
    await createUser(
      org,
      {
        permissions: [
          'analytics.view',
          'crm.dashboards.team',
          'crm.dashboards.personal',
          'crm.quotas.view',
          ...RESOURCES.map((r) => `${r}.view`),
        ],
        scopes: { ...Object.fromEntries(RESOURCES.map((r) => [r, 'all'])), 'crm.quotas': 'all' },
      },
      { email: 'equipo-paneles@prueba.test', password: 'clave-paneles-2' } as any
    )
    for (const width of [1280, 375]) {
      const { context, page } = await newPage(browser, width)
      try {
        await signIn(page, 'equipo-paneles@prueba.test', 'clave-paneles-2')
        await page.goto(`${baseUrl()}/analytics/dashboards/crm/team`)
        const reps = page.getByTestId('widget-rep_quotas')
        await reps.getByText('Rafa Comercial').waitFor()
        await page.getByTestId('widget-pipeline_by_team').getByTestId('chart').waitFor()
        await page.waitForTimeout(300)
        await shoot(page, `dashboard-team-${width}`)
        await page.goto(`${baseUrl()}/analytics/dashboards/crm/personal`)
        await page.getByTestId('widget-won_yoy').waitFor()
        assert.equal(await page.getByLabel('Comercial').count(), 0)
        await page.waitForTimeout(300)
        await shoot(page, `dashboard-personal-${width}`)
      } finally {
        await context.close()
      }
    }
  })
})
