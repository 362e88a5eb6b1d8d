import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompany } from '#modules/crm/tests/helpers'
import { baseUrl, launchBrowser, newPage, signIn } from '#tests/helpers/browser'

/** The test id (else the id) of the focused element. */
const focused = (page: Page) =>
  page.evaluate(() => {
    // The server's TypeScript has no DOM types; this runs in the browser.
    const el = (globalThis as any).document.activeElement
    return String(el?.getAttribute('data-testid') ?? el?.id ?? el?.tagName ?? '')
  })

test.group('Browser: CRM forms', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('"Nueva empresa" opens with the cursor in Nombre; Tab goes on to Razón social', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    await crmUser(org, 'own', {
      email: 'crm-foco@prueba.test',
      password: 'clave-foco-1',
      fullName: 'Foco Prueba',
    } as any)
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'crm-foco@prueba.test', 'clave-foco-1')
      await page.goto(`${baseUrl()}/crm/companies`)
      await page.getByRole('link', { name: 'Nueva empresa' }).first().click()
      await page.waitForURL(`${baseUrl()}/crm/companies/create`)
      await page.getByTestId('company-name').waitFor()
      assert.equal(await focused(page), 'company-name')
      await page.keyboard.type('Conservas')
      assert.equal(await page.getByTestId('company-name').inputValue(), 'Conservas')
      await page.keyboard.press('Tab')
      assert.equal(await focused(page), await page.getByLabel('Razón social').getAttribute('id'))
      // Loaded directly too, not only after an in-app visit.
      await page.goto(`${baseUrl()}/crm/companies/create`)
      await page.getByTestId('company-name').waitFor()
      assert.equal(await focused(page), 'company-name')
    } finally {
      await context.close()
    }
  })

  test('notes: "Nueva nota" focuses its box, Ctrl+Enter saves; the author edits (⌘+Enter) and deletes it', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own', {
      email: 'crm-notas@prueba.test',
      password: 'clave-notas-1',
      fullName: 'Nora Notas',
    } as any)
    const company = await insertCompany(org, { name: 'Talleres Gómez', owner_id: user.id })
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'crm-notas@prueba.test', 'clave-notas-1')
      await page.goto(`${baseUrl()}/crm/companies/${company}?tab=history`)
      await page.getByRole('button', { name: 'Nueva nota' }).click()
      await page.getByTestId('note-body').waitFor()
      assert.equal(await focused(page), 'note-body')
      await page.keyboard.type('Llamar el lunes')
      await page.keyboard.press('Control+Enter')
      await page.getByText('Nota añadida.').waitFor()
      await page.getByText('Llamar el lunes').waitFor()
      const stored = async () =>
        (
          await db
            .from('timeline_events')
            .where({
              organization_id: org.id,
              subject_type: 'crm.company',
              subject_id: company,
              kind: 'note',
            })
            .select('data')
        ).map((r) => JSON.parse(r.data).body)
      assert.deepEqual(await stored(), ['Llamar el lunes'])

      await page.getByRole('button', { name: 'Editar' }).last().click()
      await page.getByTestId('note-edit-body').waitFor()
      assert.equal(await focused(page), 'note-edit-body')
      await page.keyboard.press('Control+A')
      await page.keyboard.type('Llamar el martes')
      await page.keyboard.press('Meta+Enter')
      await page.getByText('Llamar el martes').waitFor()
      await page.getByText(/Editada el/).waitFor()
      assert.deepEqual(await stored(), ['Llamar el martes'])

      await page.getByRole('button', { name: 'Eliminar' }).last().click()
      await page.getByTestId('confirm').click()
      await page.getByText('Nora Notas eliminó una nota').waitFor()
      assert.deepEqual(await stored(), [])
    } finally {
      await context.close()
    }
  })

  test('a duplicate name warns with a link to the existing company; "Guardar de todos modos" saves it', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own', {
      email: 'crm-duplicada@prueba.test',
      password: 'clave-duplicada-1',
    } as any)
    const existing = await insertCompany(org, { name: 'Talleres Gómez', owner_id: user.id })
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'crm-duplicada@prueba.test', 'clave-duplicada-1')
      await page.goto(`${baseUrl()}/crm/companies/create`)
      await page.getByTestId('company-name').fill('talleres gomez')
      await page.getByTestId('save').click()
      await page.getByTestId('duplicate-warning').waitFor()
      await page
        .getByText('Ya existe una empresa con este nombre: «Talleres Gómez».')
        .first()
        .waitFor()
      assert.equal(
        await page.getByRole('link', { name: 'Ver la empresa existente' }).getAttribute('href'),
        `/crm/companies/${existing}`
      )
      assert.equal(
        await page.getByTestId('company-name').inputValue(),
        'talleres gomez',
        'what was typed stays'
      )
      await page.getByRole('button', { name: 'Guardar de todos modos' }).click()
      await page.waitForURL(/\/crm\/companies\/\d+$/)
      const rows = await db
        .from('crm_companies')
        .where('organization_id', org.id)
        .orderBy('id')
        .select('name')
      assert.deepEqual(
        rows.map((r) => r.name),
        ['Talleres Gómez', 'talleres gomez']
      )
    } finally {
      await context.close()
    }
  })
})
