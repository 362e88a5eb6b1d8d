import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/inertia'

/**
 * The assets version, computed once at boot from the built manifest (the adapter would hash
 * the manifest again on every request). A new build changes it, and Inertia then reloads the
 * page once. In development Vite serves the assets and the version stays fixed.
 */
function assetsVersion(): string | undefined {
  const manifest = app.makePath('public/assets/.vite/manifest.json')
  if (!app.inProduction || !existsSync(manifest)) return undefined
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
