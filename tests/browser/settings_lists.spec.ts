import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

test.group('Browser: Administración › Listas', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('on a phone: move a value, relabel one, deactivate another, save', async ({ assert }) => {
    const org = await createOrganization(['sonda'])
    await createUser(
      org,
      { isAdmin: true },
      { email: 'listas@prueba.test', password: 'clave-listas-123', fullName: 'Lola Listas' }
    )
    const { context, page } = await newPage(browser, 375)
    try {
      await signIn(page, 'listas@prueba.test', 'clave-listas-123')
      await page.goto(`${baseUrl()}/admin/settings/lists?list=sonda.colores`)
      const rows = page.getByTestId('list-value')
      await rows.first().waitFor()
      assert.equal(await rows.count(), 3)
      await rows.first().getByRole('button', { name: 'Bajar' }).click()
      await rows.first().getByLabel('Texto en español').fill('Verde claro')
      await rows.last().getByRole('switch').uncheck({ force: true })
      await page.getByRole('button', { name: 'Guardar lista' }).click()
      await page.getByText('Lista «Colores» guardada.').waitFor()
      await screenshot(page, 'settings-lists-375')

      const stored = await db
        .from('list_values')
        .where({ organization_id: org.id, list_key: 'sonda.colores' })
        .orderBy('position')
        .select('code', 'label_es', 'is_active')
      assert.deepEqual(
        stored.slice(0, 2).map((r) => [r.code, r.label_es]),
        [
          ['verde', 'Verde claro'],
          ['rojo', 'Rojo'],
        ]
      )
      assert.deepEqual(
        stored.filter((r) => !r.is_active).map((r) => r.code),
        ['azul']
      )
    } finally {
      await context.close()
    }
  })
})
