import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompany } from '#modules/crm/tests/helpers'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

test.group('Browser: mentions in notes', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('"@" suggests colleagues, the keyboard picks one, the saved note shows the name highlighted', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const author = await crmUser(org, 'own', {
      email: 'menciones@prueba.test',
      password: 'clave-menciones-1',
      fullName: 'Ana Autora',
    } as any)
    const marta = await crmUser(org, 'all', { fullName: 'Marta Ruiz' } as any)
    await crmUser(org, 'all', { fullName: 'Mario Sanz' } as any)
    const company = await insertCompany(org, { name: 'Talleres Menciones', owner_id: author.id })
    const { context, page } = await newPage(browser)
    try {
      page.setDefaultTimeout(60_000)
      await signIn(page, 'menciones@prueba.test', 'clave-menciones-1')
      await page.goto(`${baseUrl()}/crm/companies/${company}?tab=history`)
      await page.getByRole('button', { name: 'Nueva nota' }).click()
      const box = page.getByTestId('note-body')
      await box.waitFor()
      await box.pressSequentially('Revisar con @mar')
      const options = page.getByRole('option')
      await options.filter({ hasText: 'Mario Sanz' }).waitFor()
      await options.filter({ hasText: 'Marta Ruiz' }).waitFor()
      await box.press('ArrowDown')
      await box.press('Enter')
      await page.getByRole('listbox').waitFor({ state: 'hidden' })
      assert.equal(await box.inputValue(), `Revisar con @[Marta Ruiz](user:${marta.id}) `)
      await box.pressSequentially('mañana')
      await box.press('Control+Enter')
      await page.getByText('Nota añadida.').waitFor()
      const shown = page.locator(`[data-mention="${marta.id}"]`)
      await shown.waitFor()
      assert.equal(await shown.textContent(), '@Marta Ruiz')
      await screenshot(page, 'note-mention-1280')
      const sent = await db.from('notifications').where({ user_id: marta.id, kind: 'crm.mention' })
      assert.lengthOf(sent, 1)
    } finally {
      await context.close()
    }
  }).timeout(180_000)
})
