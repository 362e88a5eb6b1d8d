import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompanies } from '#modules/crm/tests/helpers'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

/** The row (table at 1280 px, card at 375 px) of a company, by its name. */
function row(page: Page, name: string) {
  return page
    .locator('tbody tr, [data-list-row]')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .first()
}

/** Ticks the selection box of a company's row. */
async function select(page: Page, name: string) {
  await row(page, name).getByRole('checkbox', { name: 'Seleccionar fila' }).check()
}

/** Opens "Acciones ▾" on the bar and picks an action; returns the dialog it opens. */
async function act(page: Page, action: string) {
  await page.getByTestId('bulk-actions').click()
  await page.getByRole('menuitem', { name: action }).click()
  const dialog = page.getByRole('dialog')
  await dialog.waitFor()
  return dialog
}

async function companies(orgId: number) {
  return db
    .from('crm_companies')
    .where('organization_id', orgId)
    .select('name', 'type', 'owner_id', 'deleted_at')
}

test.group('Browser: bulk actions on the companies list', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('a director changes the owner of two rows, a field of all matching, and bins one row', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const director = await crmUser(org, 'all', {
      email: 'masivo-director@prueba.test',
      password: 'clave-masivo-1',
      fullName: 'Dora Directora',
    } as any)
    const rep = await crmUser(org, 'own', { fullName: 'Rosa Repre' } as any)
    // 30 companies: 28 customers (more than a page of 25) and 2 prospects.
    await insertCompanies(org, 30, (i) => ({
      name: `Empresa ${String(i).padStart(2, '0')}`,
      type: i < 28 ? 'cliente' : 'prospecto',
      owner_id: director.id,
    }))
    const { context, page } = await newPage(browser, 1280)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, 'masivo-director@prueba.test', 'clave-masivo-1')
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.getByRole('link', { name: 'Empresa 00', exact: true }).waitFor()

      // Two rows by their boxes: the bar says how many.
      await select(page, 'Empresa 00')
      await select(page, 'Empresa 01')
      const bar = page.getByTestId('bulk-bar')
      await bar.waitFor()
      assert.equal(await page.getByTestId('bulk-count').textContent(), '2 registros seleccionados')
      await screenshot(page, 'bulk-bar-1280')

      // Change their owner: the dialog names the number, the picker offers the rep.
      let dialog = await act(page, 'Cambiar el propietario')
      await dialog.getByText('Cambiar el propietario de 2 empresas').waitFor()
      const apply = dialog.getByTestId('bulk-apply')
      assert.isTrue(await apply.isDisabled(), 'nothing to apply before an owner is chosen')
      await dialog.getByLabel('Nuevo propietario').first().click()
      await page.getByRole('option', { name: 'Rosa Repre' }).click()
      await apply.click()
      const result = dialog.getByTestId('bulk-result')
      await result.waitFor()
      assert.equal((await result.innerText()).trim(), '2 cambiados')
      await dialog.getByRole('button', { name: 'Cerrar' }).click()
      await dialog.waitFor({ state: 'detached' })
      // The list reloads with the new owner, the selection cleared.
      await row(page, 'Empresa 00').getByText('Rosa Repre').waitFor()
      await row(page, 'Empresa 01').getByText('Rosa Repre').waitFor()
      await bar.waitFor({ state: 'detached' })
      const owners = Object.fromEntries((await companies(org.id)).map((c) => [c.name, c.owner_id]))
      assert.equal(Number(owners['Empresa 00']), rep.id)
      assert.equal(Number(owners['Empresa 01']), rep.id)
      assert.equal(Number(owners['Empresa 02']), director.id)

      // With a filter (customers: 28, a page of 25): select the page, then all matching.
      await page.getByText('Clientes', { exact: true }).click()
      await page.waitForURL(/type=cliente/)
      await page.getByTestId('chip-type').waitFor()
      await page.getByRole('checkbox', { name: 'Seleccionar esta página' }).check()
      assert.equal(await page.getByTestId('bulk-count').textContent(), '25 registros seleccionados')
      await page.getByRole('button', { name: 'Seleccionar los 28 coincidentes' }).click()
      await page.getByText('Seleccionados los 28 coincidentes').waitFor()
      assert.equal(await page.getByTestId('bulk-count').textContent(), '28 registros seleccionados')
      dialog = await act(page, 'Cambiar un campo')
      await dialog.getByText('Cambiar «Tipo» en 28 empresas').waitFor()
      await dialog.getByText(/coinciden con los filtros \(28\)/).waitFor()
      await dialog.getByLabel('Nuevo valor').first().click()
      await page.getByRole('option', { name: 'Proveedor' }).click()
      await dialog.getByTestId('bulk-apply').click()
      await dialog.getByTestId('bulk-result').getByText('28 cambiados').waitFor()
      await dialog.getByRole('button', { name: 'Cerrar' }).click()
      // No customer is left: the filtered list says so.
      await page.getByText('Nada coincide con estos filtros').waitFor()
      const types = (await companies(org.id)).map((c) => c.type)
      assert.equal(types.filter((t) => t === 'proveedor').length, 28)
      assert.equal(types.filter((t) => t === 'prospecto').length, 2)

      // One row to the bin, confirmed; it leaves the list.
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.getByRole('link', { name: 'Empresa 05', exact: true }).waitFor()
      await select(page, 'Empresa 05')
      assert.equal(await page.getByTestId('bulk-count').textContent(), '1 registro seleccionado')
      dialog = await act(page, 'Enviar a la papelera')
      await dialog.getByText('Enviar 1 registro a la papelera').waitFor()
      await dialog.getByTestId('bulk-apply').click()
      await dialog.getByTestId('bulk-result').getByText('1 cambiado').waitFor()
      await dialog.getByRole('button', { name: 'Cerrar' }).click()
      await page
        .getByRole('link', { name: 'Empresa 05', exact: true })
        .waitFor({ state: 'detached' })
      await page.getByRole('link', { name: 'Empresa 06', exact: true }).waitFor()
      const binned = (await companies(org.id)).find((c) => c.name === 'Empresa 05')
      assert.isOk(!binned || binned.deleted_at, 'Empresa 05 is in the bin')
    } finally {
      await context.close()
    }
  })

  test('a rep is told how many rows were skipped (out of her scope); at 375 px the bar fits', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await crmUser(org, 'own', {
      email: 'masivo-repre@prueba.test',
      password: 'clave-masivo-2',
      fullName: 'Rosa Repre',
    } as any)
    const other = await crmUser(org, 'own', { fullName: 'Otro Repre' } as any)
    await insertCompanies(org, 3, (i) => ({ name: `Mía ${i}`, owner_id: rep.id }))
    const { context, page } = await newPage(browser, 375)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, 'masivo-repre@prueba.test', 'clave-masivo-2')
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.getByTestId('list-cards').waitFor()
      await select(page, 'Mía 0')
      await select(page, 'Mía 1')
      await page.getByTestId('bulk-bar').waitFor()
      assert.equal(await page.getByTestId('bulk-count').textContent(), '2 registros seleccionados')
      assert.isAtMost(
        await page.evaluate<number>(`document.documentElement.scrollWidth`),
        375,
        'no horizontal scroll with the bar shown'
      )
      await screenshot(page, 'bulk-bar-375')

      // Meanwhile one of them passes to a colleague: the rep may no longer change it.
      await db
        .from('crm_companies')
        .where({ organization_id: org.id, name: 'Mía 1' })
        .update({ owner_id: other.id })
      const dialog = await act(page, 'Cambiar un campo')
      await dialog.getByLabel('Nuevo valor').first().click()
      await page.getByRole('option', { name: 'Proveedor' }).click()
      await dialog.getByTestId('bulk-apply').click()
      const result = dialog.getByTestId('bulk-result')
      await result.getByText('1 cambiado').waitFor()
      await result.getByText('1 omitido: fuera de su alcance').waitFor()
      const types = Object.fromEntries((await companies(org.id)).map((c) => [c.name, c.type]))
      assert.deepEqual(types, { 'Mía 0': 'proveedor', 'Mía 1': 'cliente', 'Mía 2': 'cliente' })
      await dialog.getByRole('button', { name: 'Cerrar' }).click()
      await page.getByRole('link', { name: 'Mía 1', exact: true }).waitFor({ state: 'detached' })

      // On a phone the page is selected by the box above the cards.
      await page.getByRole('checkbox', { name: 'Seleccionar esta página' }).check()
      assert.equal(await page.getByTestId('bulk-count').textContent(), '2 registros seleccionados')
      assert.isTrue(await row(page, 'Mía 2').getByRole('checkbox').isChecked())
    } finally {
      await context.close()
    }
  })
})
