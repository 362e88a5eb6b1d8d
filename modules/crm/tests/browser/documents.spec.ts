import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

test.group('Browser: documents', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  for (const width of [1280, 375]) {
    test(`a rep drops several files on a company (${width} px): progress, list, a refused one announced, delete`, async ({
      assert,
    }) => {
      const org = await createOrganization(['crm'])
      const email = `docs-${width}@prueba.test`
      const rep = await createUser(
        org,
        { permissions: crud('crm.companies'), scopes: { 'crm.companies': 'own' } },
        { email, password: 'clave-documentos-1', fullName: 'Rocío Documentos' }
      )
      const now = dbTimestamp()
      const [company] = await db.table('crm_companies').returning('id').insert({
        organization_id: org.id,
        name: 'Conservas del Cantábrico S.L.',
        name_normalized: 'conservas del cantabrico',
        type: 'cliente',
        owner_id: rep.id,
        created_at: now,
        updated_at: now,
      })
      const id = typeof company === 'object' ? company.id : company
      const { context, page } = await newPage(browser, width)
      try {
        await signIn(page, email, 'clave-documentos-1')
        await page.goto(`${baseUrl()}/crm/companies/${id}?tab=docs`)
        await page.getByText('Sin documentos').waitFor()
        await page
          .getByTestId('documents-dropzone')
          .locator('input[type=file]')
          .setInputFiles([
            { name: 'Oferta «2026».pdf', mimeType: 'application/pdf', buffer: PDF },
            { name: 'pedidos.csv', mimeType: 'text/csv', buffer: Buffer.from('a;b\n1;2\n') },
            { name: 'factura.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>x') },
          ])
        await page
          .getByRole('alert')
          .getByText('«factura.pdf» no es un tipo de archivo admitido', { exact: false })
          .waitFor()
        await page.getByTestId('document-row').nth(1).waitFor()
        await screenshot(page, `documents-company-${width}`)
        const rows = await page.getByTestId('document-row').allTextContents()
        assert.isTrue(rows.some((r) => r.includes('Oferta «2026».pdf') && r.includes('PDF')))

        await page.getByRole('button', { name: 'Eliminar pedidos.csv' }).click()
        await page.getByTestId('confirm').click()
        await page
          .getByTestId('document-row')
          .filter({ hasText: 'pedidos.csv' })
          .waitFor({ state: 'detached' })
        assert.equal(await page.getByTestId('document-row').count(), 1)
        const binned = await db
          .from('documents')
          .where({ organization_id: org.id, resource: 'crm.companies', record_id: id })
          .whereNotNull('deleted_at')
        assert.deepEqual(
          binned.map((r) => r.original_name),
          ['pedidos.csv']
        )
      } finally {
        await context.close()
      }
    })
  }
})
