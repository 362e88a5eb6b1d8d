import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { saveField } from '#app/custom_fields/admin'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

test.group('Browser: custom fields', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('an administrator adds fields; the company form validates and saves them; the page shows them', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const admin = await createUser(
      org,
      { isAdmin: true },
      { email: 'campos@prueba.test', password: 'clave-campos-123', fullName: 'Carmen Campos' }
    )
    const actor = { organizationId: org.id, actorId: admin.id }
    const base = { required: false, showInList: true, active: true }
    await saveField(actor, 'crm.companies', {
      ...base,
      label: 'Nivel',
      type: 'list',
      choices: [
        { label: 'Oro', active: true },
        { label: 'Plata', active: true },
      ],
    })
    await saveField(actor, 'crm.companies', { ...base, label: 'Renovación', type: 'date' })
    await saveField(actor, 'crm.companies', { ...base, label: 'Facturación anual', type: 'money' })
    for (const width of [1280, 375]) {
      const { context, page } = await newPage(browser, width)
      try {
        await signIn(page, 'campos@prueba.test', 'clave-campos-123')
        await page.goto(`${baseUrl()}/admin/custom-fields`)
        await page.getByTestId('custom-field').first().waitFor()
        if (width === 1280) {
          await page.getByRole('button', { name: 'Añadir campo' }).click()
          await page.getByLabel('Nombre del campo').fill('Empleados')
          await page.getByRole('button', { name: 'Guardar campo' }).click()
          await page.getByText('Campo «Empleados» creado.').waitFor()
        }
        assert.equal(await page.getByTestId('custom-field').count(), 4)
        await screenshot(page, `cf-admin-${width}`)

        await page.goto(`${baseUrl()}/crm/companies/create`)
        await page.getByTestId('company-name').fill(`Talleres ${width}`)
        await page.getByLabel('Facturación anual').fill('12,345')
        await page
          .getByRole('button', { name: /Guardar/ })
          .last()
          .click()
        await page
          .getByText('El campo Facturación anual admite como máximo 2 decimales')
          .first()
          .waitFor()
        await screenshot(page, `cf-company-form-${width}`)
        await page.getByLabel('Facturación anual').fill('12345,50')
        await page.getByLabel('Empleados').fill('42')
        await page
          .getByRole('button', { name: /Guardar/ })
          .last()
          .click()
        await page.getByTestId('custom-field-details').waitFor()
        await screenshot(page, `cf-company-page-${width}`)
      } finally {
        await context.close()
      }
    }
    const stored = await db
      .from('custom_field_values as v')
      .join('custom_fields as f', 'f.id', 'v.field_id')
      .where('f.organization_id', org.id)
      .where('f.key', 'facturacion_anual')
      .select('v.value_number')
    assert.deepEqual(
      stored.map((r) => Number(r.value_number)),
      [12345.5, 12345.5]
    )
  })
})
