import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'
import { recordHistory } from '#app/history/record_history'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { normalizeName } from '#app/support/normalize'

async function company(organizationId: number, ownerId: number, name: string) {
  const now = dbTimestamp()
  return insertId(db.connection() as any, 'crm_companies', {
    organization_id: organizationId,
    name,
    name_normalized: normalizeName(name),
    type: 'cliente',
    owner_id: ownerId,
    created_at: now,
    updated_at: now,
  })
}

test.group('Browser: home "Mi día" and keyboard shortcuts', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('home cards at 1280 and 375; "?" lists the shortcuts; J/K, Enter and N on the companies list', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const email = `midia-${Date.now()}@prueba.test`
    const user = await createUser(
      org,
      {
        permissions: [...crud('crm.companies'), ...crud('crm.contacts')],
        scopes: { 'crm.companies': 'own', 'crm.contacts': 'own' },
      },
      { email, password: 'clave-midia-1', fullName: 'Inés Mañana' }
    )
    const ids = []
    for (const name of ['Aceites Alfa', 'Bodegas Beta', 'Cerámicas Gamma'])
      ids.push(await company(org.id, user.id, name))
    const subject = { organizationId: org.id, actorId: user.id, subjectType: 'crm.company' }
    await recordHistory.event({ ...subject, subjectId: ids[1] }, { kind: 'updated', data: {} })
    await recordHistory.event(
      { ...subject, subjectId: ids[2] },
      { kind: 'note', data: { body: 'Llamar para la feria' } }
    )

    const { context, page } = await newPage(browser)
    try {
      page.setDefaultTimeout(90_000)
      await page.goto(`${baseUrl()}/login`, { timeout: 180_000 })
      await signIn(page, email, 'clave-midia-1')
      const changes = page.getByRole('region', { name: 'Cambiados recientemente' })
      await changes.getByRole('link', { name: 'Bodegas Beta' }).waitFor()
      const notes = page.getByRole('region', { name: 'Notas recientes en mis registros' })
      await notes.getByText('Inés Mañana: Llamar para la feria').waitFor()
      const target = page.getByRole('region', { name: 'Objetivo del equipo' })
      await target.getByText(/No pertenece a ningún equipo/).waitFor()
      const notifications = page.getByRole('region', { name: 'Notificaciones' })
      await notifications.getByText(/No tiene notificaciones sin leer/).waitFor()
      await page
        .getByRole('region', { name: 'Crear' })
        .getByRole('link', { name: 'Nueva empresa' })
        .waitFor()
      await screenshot(page, 'home-1280')

      // "?" opens the overlay listing the shortcuts; Esc closes it.
      await page.locator('body').click({ position: { x: 5, y: 300 } })
      await page.keyboard.press('Shift+?')
      const overlay = page.getByRole('dialog', { name: 'Atajos de teclado' })
      await overlay.waitFor()
      await overlay.getByText('Nuevo registro (en una lista)').waitFor()
      await overlay.getByText('Buscar en todo').first().waitFor()
      await page.keyboard.press('Escape')
      await overlay.waitFor({ state: 'hidden' })

      // J/K move the selection through the list's rows; Enter opens the selected one.
      await page.goto(`${baseUrl()}/crm/companies`)
      const rows = page.locator('[data-list-row]')
      await rows.nth(2).waitFor()
      await page.keyboard.press('j')
      await page
        .locator('[data-list-row][data-selected="true"]', { hasText: 'Aceites Alfa' })
        .waitFor()
      await page.keyboard.press('j')
      await page.keyboard.press('j')
      await page.keyboard.press('k')
      const selected = page.locator('[data-list-row][data-selected="true"]')
      assert.include(await selected.textContent(), 'Bodegas Beta')
      assert.equal(await rows.count(), 3)
      await page.keyboard.press('Enter')
      await page.waitForURL(`${baseUrl()}/crm/companies/${ids[1]}`)
      await page.getByRole('heading', { name: 'Bodegas Beta' }).waitFor()
      // On the record, J/K go to the next/previous record of the list it was opened from.
      await page.keyboard.press('j')
      await page.waitForURL(`${baseUrl()}/crm/companies/${ids[2]}`)
      await page.getByRole('heading', { name: 'Cerámicas Gamma' }).waitFor()
      await page.keyboard.press('k')
      await page.waitForURL(`${baseUrl()}/crm/companies/${ids[1]}`)
      await page.getByRole('heading', { name: 'Bodegas Beta' }).waitFor()
      await page.keyboard.press('k')
      await page.waitForURL(`${baseUrl()}/crm/companies/${ids[0]}`)

      // N on the list opens the new-company form; typing "n" in a field does not.
      await page.goto(`${baseUrl()}/crm/companies`)
      await rows.first().waitFor()
      await page.getByRole('textbox').first().pressSequentially('n')
      assert.equal(new URL(page.url()).pathname, '/crm/companies')
      await page.locator('body').click({ position: { x: 5, y: 500 } })
      await page.keyboard.press('n')
      await page.waitForURL(`${baseUrl()}/crm/companies/create`)
      // Ctrl+Enter submits the form being filled in.
      await page.getByTestId('company-name').waitFor()
      await page.getByTestId('company-name').pressSequentially('Drogas Delta')
      await page.keyboard.press('Control+Enter')
      await page.waitForURL(/\/crm\/companies\/\d+$/)
      await page.getByRole('heading', { name: 'Drogas Delta' }).waitFor()
    } finally {
      await context.close()
    }

    const phone = await newPage(browser, 375)
    try {
      await signIn(phone.page, email, 'clave-midia-1')
      await phone.page
        .getByRole('region', { name: 'Cambiados recientemente' })
        .getByRole('link', { name: 'Bodegas Beta' })
        .waitFor()
      await screenshot(phone.page, 'home-375')
    } finally {
      await phone.context.close()
    }
  }).timeout(300_000)
})
