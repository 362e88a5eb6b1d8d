import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/inertia'

/**
 * The assets version, computed once at boot from the built manifest (the adapter would hash
 * the manifest again on every request). A new build changes it, and Inertia then reloads the
 * page once. Outside production the version stays fixed.
 */
function assetsVersion(): string | undefined {
  // Development and test runs: one fixed version, also when a test run loads a prebuilt bundle
  // (scripts/test.mjs) — the test client sends "1", as the adapter uses without a manifest.
  if (!app.inProduction) return '1'
  const manifest = app.makePath('public/assets/.vite/manifest.json')
  if (!existsSync(manifest)) return undefined
  return createHash('md5').update(readFileSync(manifest)).digest('hex')
}

/**
 * Shared props live in app/middleware/inertia_middleware.ts. History is encrypted so that
 * record pages are not readable with the Back button after logout (logout clears it).
 */
const inertiaConfig = defineConfig({
  rootView: 'inertia_layout',
  assetsVersion: assetsVersion(),
  encryptHistory: true,
  ssr: { enabled: false },
})

export default inertiaConfig
