import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { insertCompany } from '#modules/crm/tests/helpers'
import { activitiesUser, insertActivityRow } from '#modules/crm/tests/activities_helpers'
import { dbTimestamp } from '#app/support/dates'
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

test.group('Browser: activities', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('plan an activity from a calendar slot, then mark one done in "Mis actividades"', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await activitiesUser(org, 'own', {
      email: 'crm-agenda@prueba.test',
      password: 'clave-agenda-1',
      fullName: 'Ana Agenda',
    } as any)
    const company = await insertCompany(org, { name: 'Agenda Cliente S.L.', owner_id: user.id })
    const overdue = await insertActivityRow(org, {
      assignee_id: user.id,
      subject_type: 'crm.company',
      subject_id: company,
      title: 'Llamada pendiente',
      due_at: dbTimestamp(new Date(Date.now() - 86_400_000)),
    })
    const { context, page } = await newPage(browser)
    page.setDefaultTimeout(20_000)
    try {
      await signIn(page, 'crm-agenda@prueba.test', 'clave-agenda-1')
      await page.goto(`${baseUrl()}/crm/calendar`)
      await page.locator('.fc-timegrid-slot-lane[data-time="10:00:00"]').first().click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('Asunto').fill('Demo en oficina')
      await dialog.getByTestId('activity-save').click()
      await page.locator('.fc-event', { hasText: 'Demo en oficina' }).waitFor()
      const planned = await db
        .from('crm_activities')
        .where({ organization_id: org.id, title: 'Demo en oficina' })
        .first()
      assert.equal(planned?.assignee_id, user.id)
      await screenshot(page, 'activities-calendar')

      await page.goto(`${baseUrl()}/crm/activities`)
      const item = page.locator(`[data-activity-id="${overdue}"]`)
      await item.getByText('Vencida').waitFor()
      await item.getByRole('button', { name: 'Marcar como hecha' }).click()
      await page.getByRole('dialog').getByLabel('Resultado').fill('Pide presupuesto')
      await page.getByTestId('complete-save').click()
      await page.getByText('Actividad completada').waitFor()
      const status = async () =>
        (await db.from('crm_activities').where('id', overdue).first()).status as string
      assert.equal(await until(status, 'done'), 'done')
      // The call's chained follow-up task is shown in the list.
      await page.getByText('Tarea: Llamada pendiente').first().waitFor()
      await screenshot(page, 'activities-mine')
      await page.setViewportSize({ width: 375, height: 800 })
      await page.goto(`${baseUrl()}/crm/activities`)
      await page.getByText('Demo en oficina').waitFor()
      await screenshot(page, 'activities-mine-375')
      await page.goto(`${baseUrl()}/crm/calendar`)
      await page.locator('.fc-listWeek-view').waitFor()
      await screenshot(page, 'activities-calendar-375')
    } finally {
      await context.close()
    }
  })
})
