import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization, createUser } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'
import { notify } from '#app/notifications/notify'

test.group('Browser: the notification bell', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('on a phone: empty, then a notification arrives live; keyboard opens it, a click follows its link', async ({
    assert,
  }) => {
    const org = await createOrganization()
    const user = await createUser(
      org,
      {},
      { email: 'campana@prueba.test', password: 'clave-campana-1' }
    )
    const { context, page } = await newPage(browser, 375)
    try {
      await signIn(page, 'campana@prueba.test', 'clave-campana-1')
      const bell = page.getByTestId('notification-bell')
      await page.getByRole('button', { name: 'Notificaciones, ninguna sin leer' }).waitFor()
      await bell.click()
      await page.getByTestId('notification-popover').getByText('No tiene notificaciones').waitFor()
      await page.keyboard.press('Escape')

      // Sent by the server while the page is open: the bell updates without a reload.
      const [id] = await notify({
        organizationId: org.id,
        recipients: [user.id],
        kind: 'kernel.import_finished',
        message: {
          key: 'notifications.messages.import_finished',
          params: { file: 'clientes.csv', created: 3, updated: 1, rejected: 0 },
        },
        link: '/profile',
      })
      await page.getByRole('button', { name: 'Notificaciones, 1 sin leer' }).waitFor()

      await bell.focus()
      await page.keyboard.press('Enter')
      const item = page.getByRole('link', { name: /clientes\.csv/ })
      await item.waitFor()
      const box = (await page.getByTestId('notification-popover').boundingBox())!
      assert.isAtMost(box.x + box.width, 375, 'the panel fits a 375 px screen')
      await screenshot(page, 'notification-bell-375')
      await item.click()
      await page.waitForURL(`${baseUrl()}/profile`)
      await page.getByRole('button', { name: 'Notificaciones, ninguna sin leer' }).waitFor()
      const row = await db.from('notifications').where('id', id).first()
      assert.isNotNull(row.read_at)
    } finally {
      await context.close()
    }
  })
})
