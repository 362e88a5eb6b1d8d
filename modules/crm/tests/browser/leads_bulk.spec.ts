import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { insertLead, leadsUser } from '#modules/crm/tests/leads_helpers'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

/** The row (table at 1280 px, card at 375 px) of a lead, by its title. */
function row(page: Page, title: string) {
  return page
    .locator('tbody tr, [data-list-row]')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) })
    .first()
}

test.group('Browser: bulk actions on the leads list', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('two leads selected, their owner changed: the list shows it, the panel says by hand', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const director = await leadsUser(org, 'all', {
      email: 'leads-masivo@prueba.test',
      password: 'clave-leads-1',
      fullName: 'Dora Directora',
    } as any)
    const rep = await leadsUser(org, 'own', { fullName: 'Rosa Repre' } as any)
    const first = await insertLead(org, { title: 'Tienda online' }, { owner_id: director.id })
    const second = await insertLead(org, { title: 'Cien puestos TPV' }, { owner_id: director.id })
    const third = await insertLead(org, { title: 'ERP para obra' }, { owner_id: director.id })
    const { context, page } = await newPage(browser, 1280)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, 'leads-masivo@prueba.test', 'clave-leads-1')
      await page.goto(`${baseUrl()}/crm/leads`)
      await page.getByRole('link', { name: 'Tienda online', exact: true }).waitFor()

      for (const title of ['Tienda online', 'Cien puestos TPV'])
        await row(page, title).getByRole('checkbox', { name: 'Seleccionar fila' }).check()
      await page.getByTestId('bulk-bar').waitFor()
      assert.equal(await page.getByTestId('bulk-count').textContent(), '2 registros seleccionados')
      await screenshot(page, 'leads-bulk-selection-1280')

      await page.getByTestId('bulk-actions').click()
      await page.getByRole('menuitem', { name: 'Cambiar el propietario' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByText('Cambiar el propietario de 2 iniciativas').waitFor()
      await dialog.getByLabel('Nuevo propietario').first().click()
      await page.getByRole('option', { name: 'Rosa Repre' }).click()
      await dialog.getByTestId('bulk-apply').click()
      const result = dialog.getByTestId('bulk-result')
      await result.waitFor()
      assert.equal((await result.innerText()).trim(), '2 cambiados')
      await dialog.getByRole('button', { name: 'Cerrar' }).click()
      await dialog.waitFor({ state: 'detached' })

      // The list reloads with the new owner; the unselected lead keeps its own.
      await row(page, 'Tienda online').getByText('Rosa Repre').waitFor()
      await row(page, 'Cien puestos TPV').getByText('Rosa Repre').waitFor()
      assert.equal(await row(page, 'ERP para obra').getByText('Rosa Repre').count(), 0)
      const owners = await db
        .from('crm_leads')
        .whereIn('id', [first, second, third])
        .orderBy('id')
        .select('owner_id')
      assert.deepEqual(
        owners.map((o) => Number(o.owner_id)),
        [rep.id, rep.id, director.id]
      )

      // The lead page explains the owner: assigned by hand.
      await page.goto(`${baseUrl()}/crm/leads/${first}`)
      await page.getByTestId('assignment-panel').getByText('Asignada a mano.').waitFor()
      await screenshot(page, 'leads-show-1280')
      await page.setViewportSize({ width: 375, height: 800 })
      await page.getByTestId('assignment-panel').waitFor()
      await screenshot(page, 'leads-show-375')
    } finally {
      await context.close()
    }
  })
})
