import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { insertCompany, insertContact } from '#modules/crm/tests/helpers'
import { activitiesUser, insertActivityRow, typeIds } from '#modules/crm/tests/activities_helpers'
import { dbTimestamp, toDate } from '#app/support/dates'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

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

test.group('Browser: editing activities', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('open an event in the calendar, change its title, time and attendees; it moves', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await activitiesUser(org, 'own', {
      email: 'crm-editar@prueba.test',
      password: 'clave-editar-1',
      fullName: 'Eva Editora',
    } as any)
    const company = await insertCompany(org, { name: 'Cliente Editable S.L.', owner_id: user.id })
    await insertContact(org, {
      first_name: 'Ana',
      last_name: 'Compras',
      company_id: company,
      owner_id: user.id,
    })
    const types = await typeIds(org)
    const { context, page } = await newPage(browser)
    page.setDefaultTimeout(20_000)
    // Today at 10:00 in the browser's zone (the calendar shows the current week).
    const at = (hhmm: string) =>
      page.evaluate((time) => {
        const d = new Date()
        const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
        return new Date(`${day}T${time}`).toISOString()
      }, hhmm)
    try {
      await signIn(page, 'crm-editar@prueba.test', 'clave-editar-1')
      const id = await insertActivityRow(org, {
        assignee_id: user.id,
        type_id: types.meeting,
        subject_type: 'crm.company',
        subject_id: company,
        title: 'Reunión inicial',
        due_at: dbTimestamp(new Date(await at('10:00'))),
        duration_min: 60,
      })
      await page.goto(`${baseUrl()}/crm/calendar`)
      await page.locator('.fc-event', { hasText: 'Reunión inicial' }).click()
      const dialog = page.getByRole('dialog', { name: 'Editar actividad' })
      await dialog.getByLabel('Asunto').fill('Reunión de cierre')
      await dialog.getByLabel('Hora').fill('15:30')
      // The company's contact is offered first.
      await dialog.getByLabel('Contactos asistentes').click()
      await page.getByRole('option', { name: 'Ana Compras' }).click()
      await dialog.getByRole('heading', { name: 'Editar actividad' }).click()
      await screenshot(page, 'activities-calendar-edit')
      await dialog.getByTestId('activity-save').click()

      const moved = page.locator('.fc-event', { hasText: 'Reunión de cierre' })
      await moved.waitFor()
      await moved.getByText('15:30').waitFor()
      await moved.getByText('Asistentes: Ana Compras').waitFor()
      assert.equal(await page.locator('.fc-event', { hasText: 'Reunión inicial' }).count(), 0)
      const title = async () => (await db.from('crm_activities').where('id', id).first()).title
      assert.equal(await until(title, 'Reunión de cierre'), 'Reunión de cierre')
      const row = await db.from('crm_activities').where('id', id).first()
      assert.equal(toDate(row.due_at).toISOString(), await at('15:30'))
      const attendees = await db.from('crm_activity_attendees').where('activity_id', id)
      assert.lengthOf(attendees, 1)
      await screenshot(page, 'activities-calendar-edited')

      // From "Mis actividades": the item names its attendees and opens the same form.
      await page.goto(`${baseUrl()}/crm/activities`)
      const item = page.locator(`[data-activity-id="${id}"]`)
      await item.getByText('Asistentes: Ana Compras').waitFor()
      await item.getByRole('button', { name: 'Editar actividad: Reunión de cierre' }).click()
      await page.getByRole('dialog', { name: 'Editar actividad' }).waitFor()
      await screenshot(page, 'activities-mine-edit')
      await page.setViewportSize({ width: 375, height: 800 })
      await screenshot(page, 'activities-mine-edit-375')
    } finally {
      await context.close()
    }
  })
})
