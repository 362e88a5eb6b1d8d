// Screenshots for reviewing the UI: `node scripts/screenshots.mjs <baseUrl> <email> <password> <path>...`
// Writes tmp/screenshots/<name>-<width>.png (SHOTS_DIR to change) at 1280 and 375 px for every
// path (login first). A path ending in "#bell" is shot with the notification bell open.
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'

const [
  base = 'http://127.0.0.1:3333',
  email = 'admin@demo.cartera.es',
  password = 'cartera-demo',
  ...paths
] = process.argv.slice(2)
const dir = process.env.SHOTS_DIR ?? 'tmp/screenshots'
mkdirSync(dir, { recursive: true })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
const name = (path) => path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'
for (const width of [1280, 375]) {
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 812 : 900 },
    locale: 'es-ES',
  })
  const page = await context.newPage()
  await page.goto(`${base}/login`)
  await page.waitForLoadState('networkidle')
  // The React page mounts after the network settles: wait for the form, not a blank frame.
  await page.waitForSelector('input[name=email]')
  await page.screenshot({ path: `${dir}/login-${width}.png`, fullPage: true })
  await page.fill('input[name=email]', email)
  await page.fill('input[name=password]', password)
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')])
  // A path ending in "#submit" is a form saved empty: the shot shows its errors.
  for (const path of ['/', ...paths]) {
    const submit = path.endsWith('#submit')
    const bell = path.endsWith('#bell')
    await page.goto(`${base}${path.replace(/#(submit|bell)$/, '')}`)
    await page.waitForLoadState('networkidle')
    await page.waitForSelector('main, [data-testid=app-main], h1, h2')
    if (submit) {
      await page.click('form button[type=submit]')
      await page.waitForSelector('[aria-invalid=true]')
    }
    if (bell) {
      await page.click('[data-testid=notification-bell]')
      await page.waitForSelector('[data-testid=notification-popover]')
      await page.waitForTimeout(300)
    }
    await page.screenshot({ path: `${dir}/${name(path)}-${width}.png`, fullPage: !bell })
    console.log(`${dir}/${name(path)}-${width}.png`)
  }
  await context.close()
}
await browser.close()
