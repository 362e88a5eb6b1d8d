import { defineConfig } from '@adonisjs/inertia'

/**
 * Shared props live in app/middleware/inertia_middleware.ts. History is encrypted so that
 * record pages are not readable with the Back button after logout (logout clears it).
 */
const inertiaConfig = defineConfig({
  rootView: 'inertia_layout',
  encryptHistory: true,
  ssr: { enabled: false },
})

export default inertiaConfig
