import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { createOrganization, createUser, crud } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

/* Strings run in the page (the server tsconfig has no DOM types). */
const activeLabel = `(() => {
  const el = document.activeElement
  return el && el.id ? document.querySelector('label[for="' + el.id + '"]')?.textContent ?? null : null
})()`

const isFocused = (el: unknown) => el === (globalThis as any).document.activeElement

async function inViewport(page: Page) {
  return page.evaluate(`(() => {
    const r = document.activeElement.getBoundingClientRect()
    return r.top >= 0 && r.bottom <= window.innerHeight
  })()`) as Promise<boolean>
}

test.group('Browser: form errors', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('an empty company form, saved from the bottom, announces its errors and focuses «Nombre»', async ({
    assert,
  }) => {
    const org = await createOrganization(['crm'])
    await createUser(
      org,
      { permissions: crud('crm.companies'), scopes: { 'crm.companies': 'own' } },
      {
        email: 'errores@prueba.test',
        password: 'clave-errores-1',
        fullName: 'Elena Errores',
      }
    )
    const { context, page } = await newPage(browser)
    await page.setViewportSize({ width: 1280, height: 800 })
    try {
      await signIn(page, 'errores@prueba.test', 'clave-errores-1')
      await page.goto(`${baseUrl()}/crm/companies/create`)
      const save = page.getByTestId('save')
      await save.scrollIntoViewIfNeeded()
      await save.click()

      const summary = page.getByTestId('error-summary')
      await summary.waitFor()
      assert.equal(await summary.getAttribute('role'), 'alert')
      assert.include(await summary.textContent(), 'Nombre')
      assert.isTrue(await summary.isVisible())
      await page.waitForFunction(`${activeLabel}?.startsWith('Nombre')`)
      const name = page.getByRole('textbox', { name: 'Nombre', exact: true })
      assert.isTrue(await name.evaluate(isFocused), 'the Nombre input has the focus')
      assert.isTrue(await inViewport(page), 'and is on screen')
      assert.equal(await name.getAttribute('aria-invalid'), 'true')
      const describedBy = await name.getAttribute('aria-describedby')
      assert.isString(describedBy)
      const error = await page.evaluate(
        `document.getElementById(${JSON.stringify(describedBy!.split(' ')[0])})?.textContent`
      )
      assert.isTrue(
        String(await summary.textContent()).includes(String(error)),
        'the summary repeats the field error'
      )
      await screenshot(page, 'company-form-summary-1280')

      // A link in the summary takes the focus back to its field.
      await save.focus()
      await summary.getByRole('link', { name: /^Nombre/ }).click()
      assert.isTrue(await name.evaluate(isFocused))
    } finally {
      await context.close()
    }
  })
})
