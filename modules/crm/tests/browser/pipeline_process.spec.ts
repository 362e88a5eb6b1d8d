import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'
import { insertContact } from '../helpers.js'
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

test.group('Browser: opportunity process and contacts', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('the rep ticks a process step and adds a contact with a role from the opportunity page', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await pipelineUser(org, 'own', {
      email: 'crm-proceso@prueba.test',
      password: 'clave-proceso-1',
      fullName: 'Paula Proceso',
    } as any)
    const stage = (await stagesByName(org))['En análisis'].id
    await db.table('crm_pipeline_steps').insert({
      organization_id: org.id,
      stage_id: stage,
      name: 'Llamar al decisor',
      position: 0,
      created_at: new Date(),
    })
    const step = await db.from('crm_pipeline_steps').where('stage_id', stage).first()
    const contact = await insertContact(org, {
      first_name: 'Marta',
      last_name: 'Compras',
      owner_id: user.id,
    })
    const id = await insertOpportunity(org, {
      name: 'Renovación de flota',
      stage_id: stage,
      owner_id: user.id,
    })
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'crm-proceso@prueba.test', 'clave-proceso-1')
      await page.goto(`${baseUrl()}/crm/opportunities/${id}`)
      const process = page.getByTestId('opportunity-process')
      await process.getByRole('checkbox', { name: 'Llamar al decisor' }).check()
      const ticked = async () =>
        Boolean(
          await db
            .from('crm_opportunity_steps')
            .where({ opportunity_id: id, step_id: step.id })
            .first()
        )
      assert.isTrue(await until(ticked, true))
      await process.getByText('Paula Proceso', { exact: false }).waitFor()
      assert.equal(await page.getByTestId('process-progress').innerText(), '1 DE 1 PASOS')
      await page.getByText('Paula Proceso completó un paso del proceso').waitFor()

      await page
        .getByTestId('opportunity-contacts')
        .getByRole('button', { name: 'Añadir contacto' })
        .click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('Contacto', { exact: true }).first().fill('Marta')
      await page.getByRole('option', { name: 'Marta Compras' }).click()
      await dialog.getByLabel('Rol', { exact: true }).first().click()
      await page.getByRole('option', { name: 'Influenciador' }).click()
      await dialog.getByRole('button', { name: 'Añadir contacto' }).click()
      const roleOf = async () =>
        (
          await db
            .from('crm_opportunity_contacts')
            .where({ opportunity_id: id, contact_id: contact })
            .first()
        )?.role ?? null
      assert.equal(await until(roleOf, 'influenciador'), 'influenciador')
      const section = page.getByTestId('opportunity-contacts')
      await section.getByRole('link', { name: 'Marta Compras' }).waitFor()
      assert.equal(
        await section.getByLabel('Rol de Marta Compras').first().inputValue(),
        'Influenciador'
      )
      await page.getByText('Paula Proceso añadió un contacto').waitFor()
      await screenshot(page, 'opportunity-process-1280')
    } finally {
      await context.close()
    }
  })
})
