import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

test.group('Browser: companies', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('a sales rep signs in, opens Empresas, is told off for a bad NIF, then creates a company', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await createUser(
      org,
      { permissions: crud('crm.companies'), scopes: { 'crm.companies': 'own' } },
      {
        email: 'comercial@prueba.test',
        password: 'clave-comercial-1',
        fullName: 'Rocío Comercial',
      }
    )
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'comercial@prueba.test', 'clave-comercial-1')
      await page
        .getByRole('navigation', { name: 'Navegación principal' })
        .getByText('Empresas')
        .click()
      await page.waitForURL(`${baseUrl()}/crm/companies`)
      await page.getByText('Todavía no hay empresas').waitFor()

      await page.getByRole('link', { name: 'Nueva empresa' }).first().click()
      await page.waitForURL(`${baseUrl()}/crm/companies/create`)
      await page
        .getByLabel('Nombre', { exact: false })
        .first()
        .fill('Conservas del Cantábrico S.L.')
      await page.getByLabel('NIF/CIF').fill('B12345670')
      await page.getByTestId('save').click()
      // Exact: the error summary at the top repeats it as "NIF/CIF: …".
      await page
        .getByText('El NIF/CIF no es válido: revise la letra o el dígito de control', {
          exact: true,
        })
        .waitFor()
      await screenshot(page, 'company-form-error-1280')
      assert.equal(
        Number(
          (await db.from('crm_companies').where('organization_id', org.id).count('* as n').first())
            .n
        ),
        0
      )

      await page.getByLabel('NIF/CIF').fill('B12345674')
      await page.getByTestId('save').click()
      await page.waitForURL(/\/crm\/companies\/\d+$/)
      await page.getByRole('heading', { name: 'Conservas del Cantábrico S.L.' }).waitFor()
      await page.getByText('Empresa «Conservas del Cantábrico S.L.» creada.').waitFor()
      await screenshot(page, 'company-show-1280')

      const row = await db.from('crm_companies').where('organization_id', org.id).first()
      assert.equal(row.name, 'Conservas del Cantábrico S.L.')
      assert.equal(row.nif, 'B12345674')
      assert.equal(row.owner_id, rep.id, 'a rep owns what they create')
      assert.isTrue(page.url().endsWith(`/crm/companies/${row.id}`))

      await page.getByRole('link', { name: 'Empresas' }).first().click()
      await page.waitForURL(`${baseUrl()}/crm/companies`)
      await page.getByRole('link', { name: 'Conservas del Cantábrico S.L.' }).first().waitFor()
      await screenshot(page, 'companies-1280')
    } finally {
      await context.close()
    }
  })
})
