import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompany, insertContact } from '#modules/crm/tests/helpers'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

/** Waits (polling, no fixed sleep) until `read` gives `expected`. */
async function until<T>(read: () => Promise<T>, expected: T, timeout = 60_000) {
  const end = Date.now() + timeout
  let last = await read()
  while (last !== expected && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    last = await read()
  }
  return last
}

const column = (id: number, name: string) => async () =>
  (await db.from('crm_companies').where('id', id).first())[name] as string | null

test.group('Browser: inline editing in the lists', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('a company type edited in its cell with the keyboard; a refusal is announced and rolled back', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own', {
      email: 'lista-inline@prueba.test',
      password: 'clave-inline-1',
      fullName: 'Inés Inline',
    } as any)
    const other = await crmUser(org, 'own')
    const alfa = await insertCompany(org, {
      name: 'Alfa Inline S.L.',
      type: 'cliente',
      owner_id: user.id,
    })
    const beta = await insertCompany(org, {
      name: 'Beta Inline S.A.',
      type: 'prospecto',
      industry: 'construccion',
      owner_id: user.id,
    })
    const { context, page } = await newPage(browser, 1280)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, 'lista-inline@prueba.test', 'clave-inline-1')
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.locator('tbody tr').first().waitFor()
      const listUrl = page.url()

      // Enter opens the editor, typing filters, Enter picks and saves.
      await page.getByRole('button', { name: 'Editar Tipo de Alfa Inline S.L.' }).focus()
      await page.keyboard.press('Enter')
      await page.locator('[data-inline-editor="type"]').waitFor()
      await page.keyboard.type('Provee')
      await page.keyboard.press('Enter')
      await page.getByText('Tipo cambiado').waitFor()
      const alfaRow = page.locator('tbody tr').filter({ hasText: 'Alfa Inline S.L.' })
      await alfaRow.locator('td[data-column="type"]').filter({ hasText: 'Proveedor' }).waitFor()
      assert.equal(await until(column(alfa, 'type'), 'proveedor'), 'proveedor')
      const audit = await db
        .from('audit_logs')
        .where({ subject_type: 'crm.company', subject_id: alfa, action: 'update', field: 'type' })
      assert.deepEqual(
        audit.map((a) => [a.old_value, a.new_value]),
        [['cliente', 'proveedor']]
      )
      assert.equal(page.url(), listUrl, 'editing does not open the record')
      await screenshot(page, 'list-inline-1280')

      // A click on the cell edits rather than opening the record; Esc leaves it as it was.
      await page.getByRole('button', { name: 'Editar Sector de Beta Inline S.A.' }).click()
      await page.locator('[data-inline-editor="industry"]').waitFor()
      assert.equal(page.url(), listUrl)
      await page.keyboard.press('Escape')
      await page.locator('[data-inline-editor="industry"]').waitFor({ state: 'detached' })

      // Beta went to someone else meanwhile: out of the user's scope, the save is refused.
      await db.from('crm_companies').where('id', beta).update({ owner_id: other.id })
      await page.getByRole('button', { name: 'Editar Sector de Beta Inline S.A.' }).focus()
      await page.keyboard.press('Enter')
      await page.locator('[data-inline-editor="industry"]').waitFor()
      await page.keyboard.type('Tecno')
      await page.keyboard.press('Enter')
      await page.getByRole('alert').filter({ hasText: 'No se ha podido guardar Sector' }).waitFor()
      const betaRow = page.locator('tbody tr').filter({ hasText: 'Beta Inline S.A.' })
      await betaRow
        .locator('td[data-column="industry"] [data-inline-value="industry"]')
        .filter({ hasText: 'Construcción' })
        .waitFor()
      assert.equal(await column(beta, 'industry')(), 'construccion')

      // Phone cards stay read-only.
      await page.setViewportSize({ width: 375, height: 800 })
      await page.getByTestId('list-cards').waitFor()
      assert.equal(await page.locator('[data-inline-field]').count(), 0)
      await screenshot(page, 'list-inline-375')
    } finally {
      await context.close()
    }
  })

  test('a contact position edited in its own column (shown on request)', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all', {
      email: 'lista-cargo@prueba.test',
      password: 'clave-cargo-1',
    } as any)
    const contact = await insertContact(org, {
      first_name: 'Rosa',
      last_name: 'Cargo',
      position: 'Comercial',
      owner_id: user.id,
    })
    const { context, page } = await newPage(browser, 1280)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, 'lista-cargo@prueba.test', 'clave-cargo-1')
      await page.goto(`${baseUrl()}/crm/contacts?cols=name,position,owner`)
      await page.getByRole('button', { name: 'Editar Cargo de Rosa Cargo' }).focus()
      await page.keyboard.press('Enter')
      await page.locator('[data-inline-editor="position"]').waitFor()
      await page.keyboard.press('Control+A')
      await page.keyboard.type('Gerente')
      await page.keyboard.press('Enter')
      await page.getByText('Cargo cambiado').waitFor()
      await page.locator('td[data-column="position"]').filter({ hasText: 'Gerente' }).waitFor()
      const read = async () =>
        (await db.from('crm_contacts').where('id', contact).first()).position as string
      assert.equal(await until(read, 'Gerente'), 'Gerente')
      assert.match(page.url(), /\/crm\/contacts\?/)
    } finally {
      await context.close()
    }
  })

  test('a read-only user sees plain cells', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    await crmUser(
      org,
      'all',
      { email: 'lista-lectura@prueba.test', password: 'clave-lectura-1' } as any,
      ['view']
    )
    await insertCompany(org, { name: 'Gamma Lectura S.L.', type: 'cliente' })
    const { context, page } = await newPage(browser, 1280)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, 'lista-lectura@prueba.test', 'clave-lectura-1')
      await page.goto(`${baseUrl()}/crm/companies`)
      const row = page.locator('tbody tr').filter({ hasText: 'Gamma Lectura S.L.' })
      await row.locator('td[data-column="type"]').filter({ hasText: 'Cliente' }).waitFor()
      assert.equal(await page.locator('[data-inline-field]').count(), 0)
      assert.equal(await page.getByRole('button', { name: /^Editar Tipo/ }).count(), 0)
    } finally {
      await context.close()
    }
  })
})
