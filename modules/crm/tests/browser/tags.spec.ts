import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompany } from '#modules/crm/tests/helpers'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

test.group('Browser: tags', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('a tag typed on a company page shows as a chip, in the history, and filters the list', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    await crmUser(org, 'all', {
      email: 'crm-tags@prueba.test',
      password: 'clave-tags-1',
      fullName: 'Tere Tags',
    } as any)
    const company = await insertCompany(org, { name: 'Etiquetada S.L.' })
    await insertCompany(org, { name: 'Sin Etiqueta S.A.' })
    const { context, page } = await newPage(browser)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, 'crm-tags@prueba.test', 'clave-tags-1')
      await page.goto(`${baseUrl()}/crm/companies/${company}`)
      await page.getByRole('heading', { name: 'Etiquetada S.L.' }).waitFor()
      const input = page.getByRole('combobox', { name: 'Añadir etiqueta' })
      await input.click()
      await input.fill('Cliente VIP')
      await input.press('Enter')
      await page.getByRole('button', { name: 'Quitar la etiqueta Cliente VIP' }).waitFor()
      await page.getByText(/Etiquetas: — → Cliente VIP/).waitFor()
      const tag = await db.from('org_tags').where('organization_id', org.id).first()
      assert.equal(tag.name, 'Cliente VIP')
      await screenshot(page, 'tags-company')

      await page.goto(`${baseUrl()}/crm/companies?tag=${tag.id}`)
      await page.getByRole('link', { name: 'Etiquetada S.L.' }).first().waitFor()
      assert.equal(await page.getByRole('link', { name: 'Sin Etiqueta S.A.' }).count(), 0)
      await page.getByText('Etiqueta: Cliente VIP').first().waitFor()
    } finally {
      await context.close()
    }
  })
})
