import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'
import { insertLead, leadPayload, leadsUser } from '../leads_helpers.js'

test.group('Browser: leads', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('a rep converts a lead into a new company and an opportunity from its page', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const rep = await leadsUser(org, 'own', {
      email: 'iniciativas@prueba.test',
      password: 'clave-comercial-1',
      fullName: 'Rocío Comercial',
    })
    const id = await insertLead(org, leadPayload({ nif: 'B12345674' }), { owner_id: rep.id })
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'iniciativas@prueba.test', 'clave-comercial-1')
      await page.goto(`${baseUrl()}/crm/leads/${id}`)
      await page.getByRole('heading', { name: '20 puestos de TPV para tres tiendas' }).waitFor()
      await screenshot(page, 'lead-show-1280')
      await page.getByTestId('convert').click()
      const dialog = page.getByRole('dialog', { name: 'Convertir en oportunidad' })
      await dialog.waitFor()
      // Company and contact default to "create new"; the opportunity is ticked.
      await dialog.getByTestId('convert-submit').click()
      await page.getByText('«Lucía Martín Ortega» convertida.').waitFor()
      await page.getByTestId('conversion').waitFor()
      await screenshot(page, 'lead-converted-1280')

      const lead = await db.from('crm_leads').where('id', id).first()
      assert.equal(lead.status, 'converted')
      const company = await db.from('crm_companies').where('id', lead.converted_company_id).first()
      assert.equal(company.name, 'Panaderías Martín S.L.')
      const opportunity = await db
        .from('crm_opportunities')
        .where('id', lead.converted_opportunity_id)
        .first()
      assert.equal(opportunity.company_id, company.id)

      await page.getByRole('link', { name: 'Ver la empresa' }).click()
      await page.waitForURL(`${baseUrl()}/crm/companies/${company.id}`)
      await page.getByRole('heading', { name: 'Panaderías Martín S.L.' }).waitFor()
    } finally {
      await context.close()
    }
  })
})
