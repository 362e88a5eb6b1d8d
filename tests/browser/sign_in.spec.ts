import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { createOrganization, createUser } from '#tests/helpers/world'
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from '#tests/helpers/browser'

/*
 * Browser tests commit their data (the app serves the browser from the same process, but each
 * test creates its own organization and users, so runs never collide) and clean nothing: the
 * throw-away test database goes away after the run.
 */
test.group('Browser: signing in', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchBrowser()
    return () => browser.close()
  })

  test('a wrong password shows the error; the right one opens the home page with the shell', async ({
    assert,
  }) => {
    const org = await createOrganization()
    await createUser(
      org,
      {},
      { email: 'navegador@prueba.test', password: 'clave-navegador-1', fullName: 'Nuria Navegante' }
    )
    const { context, page } = await newPage(browser)
    try {
      await page.goto(`${baseUrl()}/login`)
      await screenshot(page, 'login-1280')
      await page.getByLabel('Correo electrónico').fill('navegador@prueba.test')
      await page.getByLabel('Contraseña').fill('equivocada')
      await page.getByRole('button', { name: 'Entrar' }).click()
      await page.getByTestId('login-error').waitFor()
      assert.equal(
        await page.getByTestId('login-error').textContent(),
        'Correo o contraseña incorrectos.'
      )

      await signIn(page, 'navegador@prueba.test', 'clave-navegador-1')
      await page.getByText('Hola, Nuria').waitFor()
      assert.isTrue(await page.getByTestId('user-menu').isVisible())
    } finally {
      await context.close()
    }
  })

  test('on a 375 px phone the sidebar collapses behind the menu button', async ({ assert }) => {
    const org = await createOrganization(['sonda'])
    await createUser(
      org,
      { isAdmin: true },
      { email: 'movil@prueba.test', password: 'clave-movil-123' }
    )
    const { context, page } = await newPage(browser, 375)
    try {
      await page.goto(`${baseUrl()}/login`)
      await screenshot(page, 'login-375')
      await signIn(page, 'movil@prueba.test', 'clave-movil-123')
      // Mantine slides the collapsed navbar out of the viewport (it stays in the DOM).
      const nav = page.getByRole('navigation', { name: 'Navegación principal' })
      const inViewport = async () => {
        const box = await nav.boundingBox()
        return !!box && box.x + box.width > 1 && box.x < 375
      }
      assert.isFalse(await inViewport(), 'navbar off screen on a phone')
      await page.getByRole('button', { name: 'Menú', exact: true }).click()
      // Strings run in the page (the server tsconfig has no DOM types).
      await page.waitForFunction(
        `document.querySelector('nav[aria-label="Navegación principal"]')?.getBoundingClientRect().x >= 0`
      )
      assert.isTrue(await inViewport(), 'navbar slides in after tapping the menu button')
      await nav.getByText('Administración').click()
      await nav.getByText('Usuarios', { exact: true }).click()
      await page.waitForURL(`${baseUrl()}/admin/users`)
      await page.getByRole('heading', { name: 'Usuarios' }).waitFor()
      await page.waitForFunction(
        `document.querySelector('nav[aria-label="Navegación principal"]')?.getBoundingClientRect().right <= 1`,
        undefined,
        { timeout: 5000 }
      )
      assert.isFalse(await inViewport(), 'navbar closes after navigating')
    } finally {
      await context.close()
    }
  })
})
