import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompany, insertContact } from '#modules/crm/tests/helpers'
import { baseUrl, launchBrowser, newPage, signIn } from '#tests/helpers/browser'

/** Names in the first column of the list (table rows at 1280 px). */
async function shownNames(page: import('playwright-core').Page) {
  return (await page.locator('tbody tr td:first-child a').allInnerTexts()).map((s) => s.trim()).sort()
}

/** The name of every data line (header skipped): its first `columns` cells, joined by a space. */
function csvNames(text: string, columns: number) {
  return text.replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1)
    .map((l) => l.split(';').slice(0, columns).map((c) => c.replace(/^"|"$/g, '')).join(' ')).sort()
}

test.group('Browser: CRM lists', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('"Exportar CSV" exports what the list shows, even with a search typed but not applied', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all', { email: 'lista@prueba.test', password: 'clave-lista-1', fullName: 'Lista Prueba' } as any)
    for (const name of ['Suministros Ferretería López', 'Talleres Gómez', 'Conservas Norte']) await insertCompany(org, { name, owner_id: user.id })
    await insertContact(org, { first_name: 'Ana', last_name: 'Martín', owner_id: user.id })
    await insertContact(org, { first_name: 'Luis', last_name: 'Ferrer', owner_id: user.id })
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'lista@prueba.test', 'clave-lista-1')
      for (const [path, typed, columns] of [['/crm/companies', 'Ferreter', 1], ['/crm/contacts', 'Ferrer', 2]] as const) {
        await page.goto(`${baseUrl()}${path}`)
        await page.getByTestId('search').fill(typed)
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exportar CSV' }).click()])
        const file = await readFile((await download.path())!, 'utf8')
        await page.waitForLoadState('networkidle')
        const shown = await shownNames(page)
        assert.isAbove(shown.length, 0)
        assert.deepEqual(csvNames(file, columns), shown, path)
      }
    } finally {
      await context.close()
    }
  })
})
