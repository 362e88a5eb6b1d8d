import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'
import { insertOpportunity, pipelineUser, stagesByName } from '../pipeline_helpers.js'

/** Waits (polling, no fixed sleep) until `read` gives `expected`. */
async function until<T>(read: () => Promise<T>, expected: T, timeout = 20_000) {
  const end = Date.now() + timeout
  let last = await read()
  while (last !== expected && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    last = await read()
  }
  return last
}

test.group('Browser: pipeline board', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('a card dragged with the keyboard to the next stage; sums follow after reload', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await pipelineUser(org, 'own', {
      email: 'crm-tablero@prueba.test',
      password: 'clave-tablero-1',
      fullName: 'Tere Tablero',
    } as any)
    const s = await stagesByName(org)
    const from = s['En análisis'].id
    const to = s['Oferta presentada'].id
    const moved = await insertOpportunity(org, {
      name: 'Reforma oficinas',
      stage_id: from,
      owner_id: user.id,
      amount_minor: 100000,
      probability: 10,
    })
    await insertOpportunity(org, {
      name: 'Flota de furgonetas',
      stage_id: to,
      owner_id: user.id,
      amount_minor: 200000,
      probability: 40,
    })
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'crm-tablero@prueba.test', 'clave-tablero-1')
      await page.goto(`${baseUrl()}/crm/opportunities/board`)
      const card = page.getByTestId(`card-${moved}`)
      await card.waitFor()
      // dnd-kit's keyboard sensor: space picks up, an arrow moves, space drops.
      await card.focus()
      // The sensor animates each step: give it a frame or two between keys.
      await page.keyboard.press('Space')
      await page.waitForTimeout(200)
      await page.keyboard.press('ArrowRight')
      await page.waitForTimeout(400)
      await page.keyboard.press('Space')
      const stageOf = async () =>
        Number((await db.from('crm_opportunities').where('id', moved).first()).stage_id)
      assert.equal(await until(stageOf, to), to)
      await page.getByText('Oportunidad movida a Oferta presentada').waitFor()

      await page.reload()
      await page.getByTestId(`column-${to}`).getByTestId(`card-${moved}`).waitFor()
      assert.equal(await page.getByTestId(`count-${to}`).innerText(), '2')
      assert.equal(await page.getByTestId(`count-${from}`).innerText(), '0')
      // 1,000 € + 2,000 € in the column; weighted at 40 %: 1,200 €.
      const sums = await page.getByTestId(`sums-${to}`).innerText()
      assert.match(sums, /3\.?000/)
      assert.match(sums, /1\.?200/)
      await screenshot(page, 'pipeline-board-1280')
      // Phones: the columns scroll sideways, the cards stay readable.
      await page.setViewportSize({ width: 375, height: 812 })
      await page.reload()
      await page.getByTestId(`card-${moved}`).waitFor()
      await screenshot(page, 'pipeline-board-375')
    } finally {
      await context.close()
    }
  }).timeout(60_000)

  test('a card dragged with the mouse into another column moves there', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const user = await pipelineUser(org, 'own', {
      email: 'crm-raton@prueba.test',
      password: 'clave-raton-1',
      fullName: 'Rita Ratón',
    } as any)
    const s = await stagesByName(org)
    const from = s['En análisis'].id
    const to = s['En negociación'].id
    const moved = await insertOpportunity(org, {
      name: 'Climatización nave',
      stage_id: from,
      owner_id: user.id,
      amount_minor: 500000,
      probability: 10,
    })
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'crm-raton@prueba.test', 'clave-raton-1')
      await page.goto(`${baseUrl()}/crm/opportunities/board`)
      const card = page.getByTestId(`card-${moved}`)
      await card.waitFor()
      const target = page.getByTestId(`column-${to}`)
      const a = (await card.boundingBox())!
      const b = (await target.boundingBox())!
      // The pointer sensor starts a drag after 5 px: press, move in steps, drop on the column.
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
      await page.mouse.down()
      await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2, { steps: 3 })
      await page.mouse.move(b.x + b.width / 2, b.y + 80, { steps: 15 })
      await page.mouse.up()
      const stageOf = async () =>
        Number((await db.from('crm_opportunities').where('id', moved).first()).stage_id)
      assert.equal(await until(stageOf, to), to)
      await target.getByTestId(`card-${moved}`).waitFor()
      // The column's count follows once the board's sums come back from the server.
      const count = () => page.getByTestId(`count-${to}`).innerText()
      assert.equal(await until(count, '1'), '1')
    } finally {
      await context.close()
    }
  }).timeout(60_000)
})
