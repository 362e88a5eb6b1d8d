import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { insertCompany, insertContact } from '#modules/crm/tests/helpers'
import { activitiesUser, insertActivityRow, typeIds } from '#modules/crm/tests/activities_helpers'
import { dbTimestamp, toDate } from '#app/support/dates'
import { insertId } from '#app/support/db'
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

  test('a default reminder set in the preferences; a series stopped from its cancel dialog', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await activitiesUser(org, 'own', {
      email: 'crm-serie@prueba.test',
      password: 'clave-serie-1',
      fullName: 'Sara Serie',
    } as any)
    const company = await insertCompany(org, { name: 'Cliente Periódico S.L.', owner_id: user.id })
    const types = await typeIds(org)
    const recurrence = await insertId(db.connection() as any, 'crm_activity_recurrences', {
      organization_id: org.id,
      type_id: types.visit,
      subject_type: 'crm.company',
      subject_id: company,
      title: 'Visita semanal',
      assignee_id: user.id,
      frequency: 'weekly',
      interval: 1,
      next_due_at: dbTimestamp(new Date(Date.now() + 14 * 86_400_000)),
      all_day: false,
      duration_min: 60,
      active: true,
      created_at: dbTimestamp(),
      updated_at: dbTimestamp(),
    })
    const ids: number[] = []
    for (const days of [1, 8])
      ids.push(
        await insertActivityRow(org, {
          assignee_id: user.id,
          type_id: types.visit,
          subject_type: 'crm.company',
          subject_id: company,
          title: 'Visita semanal',
          recurrence_id: recurrence,
          due_at: dbTimestamp(new Date(Date.now() + days * 86_400_000)),
        })
      )
    const { context, page } = await newPage(browser)
    page.setDefaultTimeout(20_000)
    try {
      await signIn(page, 'crm-serie@prueba.test', 'clave-serie-1')
      await page.goto(`${baseUrl()}/crm/activities`)
      // Preferencias de actividades: 1 hour before.
      await page.getByTestId('remind-default').click()
      await page.getByRole('option', { name: '1 hora antes' }).click()
      await page.getByRole('button', { name: 'Guardar preferencia' }).click()
      await page.getByText('Preferencia guardada').waitFor()
      const pref = async () =>
        (await db.from('crm_activity_preferences').where('user_id', user.id).first())
          ?.remind_minutes ?? null
      assert.equal(await until(pref, 60), 60)

      const item = page.locator(`[data-activity-id="${ids[0]}"]`)
      await item.getByRole('button', { name: 'Cancelar actividad' }).click()
      const dialog = page.getByRole('dialog', { name: 'Cancelar actividad periódica' })
      await dialog.getByText('¿Cancelar solo esta o también las siguientes?').waitFor()
      await screenshot(page, 'activities-series-cancel')
      await dialog.getByRole('button', { name: 'Esta y las siguientes (detener la serie)' }).click()
      await page.getByText('Se cancelaron 2 actividades y se detuvo la serie').waitFor()
      const active = async () =>
        Boolean((await db.from('crm_activity_recurrences').where('id', recurrence).first()).active)
      assert.isFalse(await until(active, false))
      const statuses = await db.from('crm_activities').whereIn('id', ids).select('status')
      assert.deepEqual(
        statuses.map((r) => r.status),
        ['cancelled', 'cancelled']
      )
      await page.locator(`[data-activity-id="${ids[1]}"]`).waitFor({ state: 'detached' })
    } finally {
      await context.close()
    }
  })
})
