import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { createOrganization } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'
import { insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'

test.group('Browser: opportunities list', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('board → list keeps the filter; the list filters by search and opens a record', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await pipelineUser(org, 'own', {
      email: 'crm-lista-oportunidades@prueba.test',
      password: 'clave-lista-1',
      fullName: 'Lola Lista',
    } as any)
    const s = await stagesByName(org)
    const open = await insertOpportunity(org, {
      name: 'Reforma oficinas',
      stage_id: s['En análisis'].id,
      owner_id: user.id,
      amount_minor: 150000,
    })
    await insertOpportunity(org, {
      name: 'Renovación flota',
      stage_id: s['Oferta presentada'].id,
      owner_id: user.id,
      amount_minor: 90000,
    })
    await insertOpportunity(org, {
      name: 'Licencias cerradas',
      stage_id: s['Ganada'].id,
      status: 'won',
      probability: 100,
      owner_id: user.id,
    })
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'crm-lista-oportunidades@prueba.test', 'clave-lista-1')
      await page.goto(`${baseUrl()}/crm/opportunities/board`)
      await page.getByTestId('pipeline-board').waitFor()
      // A filter on the board…
      await screenshot(page, 'pipeline-list-board-1280')
      await page.getByTestId('board-filters').getByLabel('Estado', { exact: true }).click()
      await page.getByRole('option', { name: 'Abierta' }).click()
      await page.waitForURL(/status=open/)
      // …carries over to the list.
      await page.getByTestId('view-list').click()
      await page.waitForURL(/\/crm\/opportunities\/list\?.*status=open/)
      const table = page.locator('table')
      await table.getByText('Reforma oficinas').waitFor()
      await table.getByText('Renovación flota').waitFor()
      assert.equal(await table.getByText('Licencias cerradas').count(), 0)
      await page.getByTestId('chip-status').waitFor()

      await page.getByTestId('search').fill('reforma')
      await page.getByTestId('search').press('Enter')
      await page.waitForURL(/q=reforma/)
      await table.getByText('Renovación flota').waitFor({ state: 'detached' })
      await screenshot(page, 'pipeline-list-1280')

      await table.getByRole('link', { name: 'Reforma oficinas' }).click()
      await page.waitForURL(new RegExp(`/crm/opportunities/${open}$`))
      await page.getByRole('heading', { name: 'Reforma oficinas' }).waitFor()
    } finally {
      await context.close()
    }
  })
})
