import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import ExcelJS from 'exceljs'
import db from '@adonisjs/lucid/services/db'
import { createOrganization } from '#tests/helpers/world'
import { crmUser, insertCompany, insertContact } from '#modules/crm/tests/helpers'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

/** Names in the first column of the list (table rows at 1280 px). */
async function shownNames(page: import('playwright-core').Page) {
  return (await page.locator('tbody tr td[data-column="name"] a').allInnerTexts())
    .map((s) => s.trim())
    .sort()
}

/** The name of every data line (header skipped): its first `columns` cells, joined by a space. */
function csvNames(text: string, columns: number) {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) =>
      l
        .split(';')
        .slice(0, columns)
        .map((c) => c.replace(/^"|"$/g, ''))
        .join(' ')
    )
    .sort()
}

/** The same, from the first sheet of an exported workbook. */
async function xlsxNames(path: string, columns: number) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(path)
  const names: string[] = []
  workbook.worksheets[0].eachRow((row, n) => {
    if (n === 1) return
    const cells = []
    for (let c = 1; c <= columns; c++) cells.push(String(row.getCell(c).value ?? ''))
    names.push(cells.join(' '))
  })
  return names.sort()
}

test.group('Browser: CRM lists', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('"Exportar ▾" CSV and XLSX export what the list shows, even with a search typed but not applied', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all', {
      email: 'crm-lista@prueba.test',
      password: 'clave-lista-1',
      fullName: 'Lista Prueba',
    } as any)
    for (const name of ['Suministros Ferretería López', 'Talleres Gómez', 'Conservas Norte'])
      await insertCompany(org, { name, owner_id: user.id })
    await insertContact(org, { first_name: 'Ana', last_name: 'Martín', owner_id: user.id })
    await insertContact(org, { first_name: 'Luis', last_name: 'Ferrer', owner_id: user.id })
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'crm-lista@prueba.test', 'clave-lista-1')
      for (const [path, typed, columns] of [
        ['/crm/companies', 'Ferreter', 1],
        ['/crm/contacts', 'Ferrer', 2],
      ] as const) {
        await page.goto(`${baseUrl()}${path}`)
        await page.getByTestId('search').fill(typed)
        const download = async (item: string) => {
          await page.getByRole('button', { name: 'Exportar' }).click()
          const [file] = await Promise.all([
            page.waitForEvent('download'),
            page.getByRole('menuitem', { name: item }).click(),
          ])
          return file
        }
        const csv = await download('Exportar CSV')
        const xlsx = await download('Exportar XLSX')
        assert.match(xlsx.suggestedFilename(), /\.xlsx$/)
        const file = await readFile((await csv.path())!, 'utf8')
        await page.waitForLoadState('networkidle')
        const shown = await shownNames(page)
        assert.isAbove(shown.length, 0)
        assert.deepEqual(csvNames(file, columns), shown, path)
        assert.deepEqual(await xlsxNames((await xlsx.path())!, columns), shown, `${path} (XLSX)`)
      }
    } finally {
      await context.close()
    }
  })

  test('at 375 px the list header keeps "Exportar ▾" and "Nueva" inside the screen', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all', {
      email: 'crm-exportar@prueba.test',
      password: 'clave-exportar-1',
      fullName: 'Exportar Prueba',
    } as any)
    await insertCompany(org, { name: 'Talleres Gómez', owner_id: user.id })
    await insertContact(org, { first_name: 'Ana', last_name: 'Martín', owner_id: user.id })
    const { context, page } = await newPage(browser, 375)
    try {
      await signIn(page, 'crm-exportar@prueba.test', 'clave-exportar-1')
      for (const path of ['/crm/companies', '/crm/contacts']) {
        await page.goto(`${baseUrl()}${path}`)
        const button = page.getByRole('button', { name: 'Exportar' })
        const create = page.getByRole('link', { name: /^Nuev[oa]/ })
        for (const box of [await button.boundingBox(), await create.boundingBox()]) {
          assert.isNotNull(box, path)
          assert.isAtLeast(box!.x, 0, path)
          assert.isAtMost(box!.x + box!.width, 375, path)
        }
        assert.isAtMost(
          await page.evaluate<number>(`document.documentElement.scrollWidth`),
          375,
          `${path}: no horizontal scroll`
        )
        await button.click()
        await page.getByRole('menuitem', { name: 'Exportar XLSX' }).waitFor()
        if (path === '/crm/companies') {
          await page.waitForTimeout(400) // the menu's fade-in
          await screenshot(page, 'companies-export-menu-375')
        }
        await page.keyboard.press('Escape')
      }
    } finally {
      await context.close()
    }
  })

  test(
    'at 375 px the list cards show the phone; ' +
      'phones and e-mails are tel:/mailto: links in lists and records',
    async ({ assert }) => {
      const org = await createOrganization(['crm'])
      const user = await crmUser(org, 'all', {
        email: 'crm-movil@prueba.test',
        password: 'clave-movil-1',
        fullName: 'Móvil Prueba',
      } as any)
      const company = await insertCompany(org, { name: 'Talleres Gómez', owner_id: user.id })
      const contact = await insertContact(org, {
        first_name: 'Ana',
        last_name: 'Martín',
        owner_id: user.id,
        company_id: company,
      })
      await db.table('crm_phones').multiInsert([
        {
          organization_id: org.id,
          company_id: company,
          value: '+34912345678',
          value_normalized: '+34912345678',
          is_primary: true,
          position: 0,
        },
        {
          organization_id: org.id,
          contact_id: contact,
          value: '+34612345678',
          value_normalized: '+34612345678',
          is_primary: true,
          position: 0,
        },
      ])
      await db.table('crm_emails').insert({
        organization_id: org.id,
        contact_id: contact,
        value: 'ana@talleres.es',
        value_normalized: 'ana@talleres.es',
        is_primary: true,
        position: 0,
      })
      for (const width of [375, 1280]) {
        const { context, page } = await newPage(browser, width)
        try {
          await signIn(page, 'crm-movil@prueba.test', 'clave-movil-1')
          await page.goto(`${baseUrl()}/crm/companies`)
          const companyPhone = page.getByRole('link', { name: '+34 912 345 678' })
          assert.equal(
            await companyPhone.getAttribute('href'),
            'tel:+34912345678',
            `companies ${width}`
          )
          assert.isTrue(await companyPhone.isVisible())
          await page.goto(`${baseUrl()}/crm/contacts`)
          assert.equal(
            await page.getByRole('link', { name: '+34 612 34 56 78' }).getAttribute('href'),
            'tel:+34612345678',
            `contacts ${width}`
          )
          assert.isTrue(await page.getByRole('link', { name: '+34 612 34 56 78' }).isVisible())
          assert.equal(
            await page.getByRole('link', { name: 'ana@talleres.es' }).getAttribute('href'),
            'mailto:ana@talleres.es'
          )
          // Tapping the number dials: it does not open the record. (The dialling itself is
          // cancelled here: headless Chromium would abort the next navigation on a tel: URL.)
          await page.getByRole('link', { name: '+34 612 34 56 78' }).evaluate((a: any) => {
            a.addEventListener('click', (e: any) => e.preventDefault())
            a.click()
          })
          await page.waitForTimeout(300)
          assert.isTrue(page.url().endsWith('/crm/contacts'))
          await page.goto(`${baseUrl()}/crm/contacts/${contact}`)
          assert.equal(
            await page.getByRole('link', { name: '+34 612 34 56 78' }).first().getAttribute('href'),
            'tel:+34612345678'
          )
          if (width === 375) await screenshot(page, 'contact-show-375')
        } finally {
          await context.close()
        }
      }
    }
  )

  test('the contacts table fits at 1280 px; narrower, a shadow says more columns are hidden', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'all', {
      email: 'crm-tabla@prueba.test',
      password: 'clave-tabla-1',
      fullName: 'Responsable Con Nombre Largo',
    } as any)
    const company = await insertCompany(org, {
      name: 'Distribuciones Agroalimentarias del Mediterráneo S.L.',
      owner_id: user.id,
    })
    for (let i = 0; i < 5; i++) {
      const id = await insertContact(org, {
        first_name: `María Inmaculada ${i}`,
        last_name: 'Fernández de Córdoba',
        position: 'Directora de compras y logística internacional',
        company_id: company,
        owner_id: user.id,
      })
      await db.table('crm_emails').insert({
        organization_id: org.id,
        contact_id: id,
        value: `maria.inmaculada.fernandez${i}@distribuciones-mediterraneo.es`,
        value_normalized: `maria.inmaculada.fernandez${i}@distribuciones-mediterraneo.es`,
        is_primary: true,
        position: 0,
      })
      await db.table('crm_phones').insert({
        organization_id: org.id,
        contact_id: id,
        value: '+34612345678',
        value_normalized: '+34612345678',
        is_primary: true,
        position: 0,
      })
    }
    const { context, page } = await newPage(browser, 1280)
    try {
      await signIn(page, 'crm-tabla@prueba.test', 'clave-tabla-1')
      await page.goto(`${baseUrl()}/crm/contacts`)
      await page.getByTestId('table-scroll').waitFor()
      await screenshot(page, 'contacts-1280')
      const box = (await page.getByTestId('table-scroll').boundingBox())!
      const last = (await page.getByRole('columnheader', { name: 'Alta' }).boundingBox())!
      assert.isAtMost(
        last.x + last.width,
        box.x + box.width + 1,
        'the last column is inside the table area'
      )
      assert.isFalse(await page.getByTestId('scroll-hint-right').isVisible())

      await page.setViewportSize({ width: 900, height: 900 })
      await page.getByTestId('scroll-hint-right').waitFor()
      await page.getByTestId('table-scroll').evaluate((el: any) => {
        el.scrollLeft = el.scrollWidth
      })
      await page.getByTestId('scroll-hint-left').waitFor()
      assert.isFalse(
        await page.getByTestId('scroll-hint-right').isVisible(),
        'scrolled to the end: nothing more on the right'
      )
    } finally {
      await context.close()
    }
  })

  test('the pager goes back with "Anterior" and says which rows are shown', async ({ assert }) => {
    const org = await createOrganization(['crm'])
    const user = await crmUser(org, 'own', {
      email: 'crm-paginas@prueba.test',
      password: 'clave-paginas-1',
    } as any)
    for (let i = 0; i < 30; i++)
      await insertCompany(org, {
        name: `Talleres ${String(i).padStart(2, '0')}`,
        owner_id: user.id,
      })
    const { context, page } = await newPage(browser)
    try {
      await signIn(page, 'crm-paginas@prueba.test', 'clave-paginas-1')
      await page.goto(`${baseUrl()}/crm/companies`)
      assert.equal(await page.getByTestId('list-count').textContent(), '1–25 de 30 empresas')
      assert.equal(await page.getByTestId('prev-page').count(), 0)
      await page.getByTestId('next-page').click()
      await page.getByText('26–30 de 30 empresas').waitFor()
      await page.getByRole('link', { name: 'Talleres 29' }).waitFor()
      await page.getByTestId('prev-page').click()
      await page.getByText('1–25 de 30 empresas').waitFor()
      await page.getByRole('link', { name: 'Talleres 00' }).waitFor()
      assert.equal(await page.getByTestId('prev-page').count(), 0)
    } finally {
      await context.close()
    }
  })
})
