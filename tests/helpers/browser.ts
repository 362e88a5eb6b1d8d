import { mkdir } from 'node:fs/promises'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import env from '#start/env'

/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download does not
 * work on these machines). scripts/test.mjs sets CHROMIUM_PATH and skips the suite without it.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
}

export function baseUrl(): string {
  return `http://${env.get('HOST', '127.0.0.1')}:${env.get('PORT', 3333)}`
}

/** A fresh context (own cookies) with the given viewport width. */
export async function newPage(
  browser: Browser,
  width = 1280
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 812 : 900 },
    locale: 'es-ES',
  })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  return { context, page }
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${baseUrl()}/login`)
  await page.getByLabel('Correo electrónico').fill(email)
  await page.getByLabel('Contraseña').fill(password)
  await page.getByRole('button', { name: 'Entrar' }).click()
  await page.waitForURL(`${baseUrl()}/`)
}

/** Saves a screenshot under tmp/screenshots/ (kept as a CI artifact, looked at by developers). */
export async function screenshot(page: Page, name: string) {
  await mkdir('tmp/screenshots', { recursive: true })
  await page.screenshot({ path: `tmp/screenshots/${name}.png`, fullPage: true })
}
