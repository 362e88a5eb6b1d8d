import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'
import { crmUser, insertCompany, insertContact } from '../helpers.js'

test.group('Browser: accounts (org chart)', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('the org chart is rearranged by dragging a person onto another, and by "Depende de" on a phone', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all', {
      email: 'jefa@prueba.test',
      password: 'clave-jefa-1',
      fullName: 'Marta Jefa',
    })
    const company = await insertCompany(org, { name: 'Acme Ibérica', owner_id: user.id })
    const person = (first: string, position: string, reportsTo: number | null = null) =>
      insertContact(org, {
        first_name: first,
        company_id: company,
        position,
        owner_id: user.id,
        reports_to_id: reportsTo,
      })
    const ana = await person('Ana', 'Directora general')
    const bea = await person('Bea', 'Compras', ana)
    const carla = await person('Carla', 'Almacén', ana)
    const managerOf = async (id: number) =>
      (await db.from('crm_contacts').where('id', id).first()).reports_to_id

    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'jefa@prueba.test', 'clave-jefa-1')
      await page.goto(`${baseUrl()}/crm/companies/${company}`)
      await page.getByTestId('org-chart-editor').waitFor()
      // Carla's handle dropped on Bea: Carla now reports to Bea.
      const handle = page.getByTestId(`org-drag-${carla}`)
      const target = page.getByTestId(`org-person-${bea}`)
      await handle.scrollIntoViewIfNeeded()
      const from = (await handle.boundingBox())!
      const to = (await target.boundingBox())!
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
      await page.mouse.down()
      await page.mouse.move(from.x + 20, from.y + 10, { steps: 4 })
      await page.mouse.move(to.x + to.width / 3, to.y + to.height / 2, { steps: 8 })
      await page.mouse.up()
      await page.getByText('Carla Prueba ahora depende de Bea Prueba.').waitFor()
      assert.equal(await managerOf(carla), bea)
      await screenshot(page, 'org-chart-1280')

      // Ana under Carla would close a loop: refused, and said so.
      await page.getByTestId(`org-select-${ana}`).click()
      await page.getByRole('option', { name: 'Carla Prueba' }).click()
      await page
        .getByTestId('org-error')
        .getByText(/ciclo en el organigrama/)
        .waitFor()
      assert.isNull(await managerOf(ana))

      // The contact's profile and consent sections, and the competitors' own view.
      await page.goto(`${baseUrl()}/crm/contacts/${carla}/edit`)
      await page.getByTestId('contact-consent').click()
      await page.getByRole('option', { name: 'Otorgado' }).click()
      await page.getByTestId('contact-opted-out').check()
      await screenshot(page, 'contact-form-1280')
      await page.getByTestId('save').click()
      await page.waitForURL(`${baseUrl()}/crm/contacts/${carla}`)
      await page.getByTestId('contact-positions').waitFor()
      await screenshot(page, 'contact-show-1280')
      const saved = await db.from('crm_contacts').where('id', carla).first()
      assert.equal(saved.consent_status, 'granted')
      assert.isTrue(Boolean(saved.opted_out))
      await page.goto(`${baseUrl()}/crm/companies/competitors`)
      await page.waitForURL(/type=competidor/)
      await screenshot(page, 'competitors-1280')
    } finally {
      await context.close()
    }

    // On a phone: the same list, indented, with the select.
    const phone = await newPage(browser, 375)
    try {
      await signIn(phone.page, 'jefa@prueba.test', 'clave-jefa-1')
      await phone.page.goto(`${baseUrl()}/crm/companies/${company}`)
      await phone.page.getByTestId(`org-select-${bea}`).click()
      await phone.page.getByRole('option', { name: 'Nadie (arriba del todo)' }).click()
      await phone.page.getByText('Bea Prueba ya no depende de nadie.').waitFor()
      assert.isNull(await managerOf(bea))
      await screenshot(phone.page, 'org-chart-375')
    } finally {
      await phone.context.close()
    }
  })
})
