import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { createOrganization, createUser } from '#tests/helpers/world'
import { insertCompanyRow } from '#modules/crm/contracts/index'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'
import { capture } from '../triage_helpers.js'

/** An HTML message with a remote image and a script (the pipeline removes the script). */
const htmlMail = [
  'From: Ana García <ana@cliente-a.es>',
  'To: Ventas <ventas@cartera-demo.es>',
  'Subject: Pedido de marzo',
  'Date: Tue, 01 Dec 2026 10:00:00 +0100',
  'Message-ID: <pedido-marzo@cliente-a.es>',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Hola desde <b>Cliente A</b>: os confirmo el pedido.</p>',
  '<img src="https://tracker.example.com/pixel.gif" alt="logo">',
  '<script>parent.document.title = "hackeado"</script>',
  '',
].join('\r\n')

test.group('Browser: reading captured mail', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test("a company's history links to its mail; the message shows sandboxed, remote images on request", async ({
    assert,
  }) => {
    const org = await createOrganization(['crm', 'mail'])
    await createUser(
      org,
      {
        permissions: ['mail.messages.view', 'crm.companies.view', 'crm.contacts.view'],
        scopes: { 'crm.companies': 'all', 'crm.contacts': 'all' },
      },
      { email: 'lectora@prueba.test', password: 'clave-lectora-1', fullName: 'Lola Lectora' } as any
    )
    const company = await insertCompanyRow(org.id, { name: 'Cliente A', website: 'cliente-a.es' })
    await capture(org.id, 'ventas', [htmlMail])

    for (const width of [1280, 375]) {
      const { context, page } = await newPage(browser, width)
      try {
        await signIn(page, 'lectora@prueba.test', 'clave-lectora-1')
        await page.goto(`${baseUrl()}/crm/companies/${company}`)
        await page.getByRole('heading', { name: 'Cliente A' }).waitFor()
        await page
          .getByRole('link', { name: /Pedido de marzo/ })
          .first()
          .click()

        await page.getByRole('heading', { name: 'Pedido de marzo' }).waitFor()
        await page.getByText('Visto en: ventas').waitFor()
        await page
          .getByText(/por dominio/)
          .first()
          .waitFor()
        const body = page.frameLocator('iframe[title="Contenido del mensaje"]')
        await body.getByText(/os confirmo el pedido/).waitFor()
        // Sandboxed with no permissions and the script removed: the page is untouched.
        assert.notEqual(await page.title(), 'hackeado')
        assert.equal(await body.locator('script').count(), 0)

        const blocked = page.getByText(/Las imágenes remotas están bloqueadas/)
        await blocked.waitFor()
        assert.equal(await body.locator('img[src^="https://tracker.example.com"]').count(), 0)
        await screenshot(page, `mail-message-${width}`)
        await page.getByRole('button', { name: 'Mostrar imágenes remotas' }).click()
        await blocked.waitFor({ state: 'detached' })
        await body.locator('img[src^="https://tracker.example.com"]').waitFor({ state: 'attached' })
      } finally {
        await context.close()
      }
    }
  })
})
