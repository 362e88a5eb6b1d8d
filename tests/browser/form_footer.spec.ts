import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { createOrganization, createUser } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

async function boxOf(page: Page, name: string) {
  const box = await page
    .getByTestId('form-footer')
    .getByRole(name === 'Guardar' ? 'button' : 'link', { name })
    .boundingBox()
  if (!box) throw new Error(`${name} not visible`)
  return box
}

test.group('Browser: form footer', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('the footer: Cancelar left of Guardar on a desktop, Guardar on top and full width on a phone', async ({
    assert,
  }) => {
    const org = await createOrganization()
    // An administrator: the admin forms used to put Guardar first, the module ones last.
    await createUser(
      org,
      { isAdmin: true },
      { email: 'pie@prueba.test', password: 'clave-pie-123' }
    )
    for (const width of [1280, 375]) {
      const { context, page } = await newPage(browser, width)
      try {
        await signIn(page, 'pie@prueba.test', 'clave-pie-123')
        for (const path of ['/admin/roles/create', '/admin/users/create', '/profile']) {
          await page.goto(`${baseUrl()}${path}`)
          await page.getByTestId('form-footer').first().waitFor()
          if (path === '/profile') {
            const box = await page.getByTestId('save').first().boundingBox()
            const form = await page.getByTestId('form-footer').first().boundingBox()
            if (width === 375)
              assert.approximately(box!.width, form!.width, 1, 'full width on a phone')
            else
              assert.approximately(
                box!.x + box!.width,
                form!.x + form!.width,
                1,
                'right-aligned on a desktop'
              )
            continue
          }
          const save = await boxOf(page, 'Guardar')
          const cancel = await boxOf(page, 'Cancelar')
          const footer = (await page.getByTestId('form-footer').boundingBox())!
          if (width === 1280) {
            assert.isBelow(cancel.x, save.x, `Cancelar left of Guardar on ${path}`)
            assert.approximately(save.y, cancel.y, 1)
            assert.approximately(save.x + save.width, footer.x + footer.width, 1, 'right-aligned')
          } else {
            assert.isBelow(save.y, cancel.y, `Guardar above Cancelar on ${path}`)
            assert.approximately(save.width, footer.width, 1, 'Guardar full width')
            assert.approximately(cancel.width, footer.width, 1, 'Cancelar full width')
          }
        }
        await screenshot(page, `company-form-footer-${width}`)
      } finally {
        await context.close()
      }
    }
  })
})
