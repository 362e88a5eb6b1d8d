import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompany, insertContact } from '#modules/crm/tests/helpers'
import { dbTimestamp } from '#app/support/dates'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

/** Waits (polling, no fixed sleep) until `read` gives `expected`. */
async function until<T>(read: () => Promise<T>, expected: T, timeout = 60_000) {
  const end = Date.now() + timeout
  let last = await read()
  while (last !== expected && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    last = await read()
  }
  return last
}

const column = (id: number, name: string) => async () =>
  (await db.from('crm_companies').where('id', id).first())[name] as string | null

const valueOf = (page: Page, field: string) =>
  page.locator(`[data-inline-value="${field}"]`).first()

test.group('Browser: record page', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('a company page: the sector edited inline with the keyboard, undone; a bad NIF refused', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own', {
      email: 'crm-ficha@prueba.test',
      password: 'clave-ficha-1',
      fullName: 'Fina Ficha',
    } as any)
    const company = await insertCompany(org, {
      name: 'Talleres Ficha S.L.',
      owner_id: user.id,
      industry: 'construccion',
      nif: 'B12345674',
      description: 'Taller de maquinaria agrícola con 40 empleados.',
    })
    const contact = await insertContact(org, {
      company_id: company,
      owner_id: user.id,
      first_name: 'Lucía',
      last_name: 'Pardo',
    })
    await db.table('timeline_events').insert({
      organization_id: org.id,
      subject_type: 'crm.contact',
      subject_id: contact,
      kind: 'note',
      actor_id: user.id,
      data: JSON.stringify({ body: 'Prefiere que la llamen por la tarde' }),
      created_at: dbTimestamp(),
    })
    const { context, page } = await newPage(browser)
    page.setDefaultTimeout(60_000)
    try {
      await signIn(page, 'crm-ficha@prueba.test', 'clave-ficha-1')
      await page.goto(`${baseUrl()}/crm/companies/${company}`)
      await page.getByRole('heading', { name: 'Talleres Ficha S.L.' }).waitFor()
      // The contact's note is on the company's timeline, saying whose it is.
      await page.getByText('Prefiere que la llamen por la tarde').waitFor()
      await page.getByRole('link', { name: 'En Lucía Pardo' }).waitFor()

      // Quick actions: "Adjuntar" opens the documents' file picker.
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Adjuntar' }).click(),
      ])
      assert.isTrue(chooser.isMultiple())

      // Sector: focus, Enter opens the editor, type to filter, Enter picks and saves.
      await page.getByRole('button', { name: 'Editar Sector' }).focus()
      await page.keyboard.press('Enter')
      await page.locator('[data-inline-editor="industry"]').waitFor()
      await page.keyboard.type('Tecno')
      await page.keyboard.press('Enter')
      await page.getByText('Sector cambiado').waitFor()
      await valueOf(page, 'industry').filter({ hasText: 'Tecnología' }).waitFor()
      assert.equal(await until(column(company, 'industry'), 'tecnologia'), 'tecnologia')
      // The change is on the timeline (the page reloaded it).
      await page.getByText(/Sector: Construcción → Tecnología/).waitFor()
      await screenshot(page, 'company-1280')

      await page.getByRole('button', { name: 'Deshacer' }).click()
      await page.getByText('Sector restaurado').waitFor()
      assert.equal(await until(column(company, 'industry'), 'construccion'), 'construccion')
      await valueOf(page, 'industry').filter({ hasText: 'Construcción' }).waitFor()

      // Esc cancels: nothing is sent.
      await page.getByRole('button', { name: 'Editar Razón social' }).click()
      await page.locator('[data-inline-editor="legalName"]').waitFor()
      await page.keyboard.type('No guardar')
      await page.keyboard.press('Escape')
      await page.locator('[data-inline-editor="legalName"]').waitFor({ state: 'detached' })
      assert.isNull(await column(company, 'legal_name')())
      // The focus goes back to the field (on the next frame): wait for it before moving on.
      await page.waitForFunction(
        `document.activeElement?.getAttribute('aria-label') === 'Editar Razón social'`
      )

      // An invalid NIF: the old value comes back and the form's message is announced.
      await page.getByRole('button', { name: 'Editar NIF/CIF' }).focus()
      await page.keyboard.press('Enter')
      await page.locator('[data-inline-editor="nif"]').waitFor()
      await page.keyboard.press('Control+A')
      await page.keyboard.type('B1234')
      await page.keyboard.press('Enter')
      await page
        .getByRole('alert')
        .filter({ hasText: 'El NIF/CIF no es válido: revise la letra o el dígito de control' })
        .waitFor()
      await valueOf(page, 'nif').filter({ hasText: 'B12345674' }).waitFor()
      assert.equal(await column(company, 'nif')(), 'B12345674')

      // The contact's page uses the same layout; its position is edited in place too.
      await page.getByRole('link', { name: 'Lucía Pardo' }).first().click()
      await page.getByRole('heading', { name: 'Lucía Pardo' }).waitFor()
      await page.getByRole('button', { name: 'Editar Cargo' }).click()
      await page.locator('[data-inline-editor="position"]').waitFor()
      await page.keyboard.type('Gerente')
      await page.keyboard.press('Tab')
      await page.getByText('Cargo cambiado').waitFor()
      const position = async () =>
        (await db.from('crm_contacts').where('id', contact).first()).position as string | null
      assert.equal(await until(position, 'Gerente'), 'Gerente')
      // Tab went on to the next field.
      const focusedLabel = () =>
        page.evaluate(() =>
          String((globalThis as any).document.activeElement?.getAttribute('aria-label') ?? '')
        )
      assert.equal(await until(focusedLabel, 'Editar Departamento'), 'Editar Departamento')
      // The contact's own entries are not labelled as another record's.
      await page.getByText(/Cargo: — → Gerente/).waitFor()
      assert.equal(await page.getByRole('link', { name: 'En Lucía Pardo' }).count(), 0)
      await screenshot(page, 'contact-1280')
    } finally {
      await context.close()
    }

    const phone = await newPage(browser, 375)
    try {
      await signIn(phone.page, 'crm-ficha@prueba.test', 'clave-ficha-1')
      await phone.page.goto(`${baseUrl()}/crm/companies/${company}`)
      await phone.page.getByRole('heading', { name: 'Talleres Ficha S.L.' }).waitFor()
      await phone.page.getByText('Prefiere que la llamen por la tarde').waitFor()
      await screenshot(phone.page, 'company-375')
    } finally {
      await phone.context.close()
    }
  })
})
