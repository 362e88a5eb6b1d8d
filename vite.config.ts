import { defineConfig } from 'vite'
import adonisjs from '@adonisjs/vite/client'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { createRequire } from 'node:module'
import type { Plugin } from 'vite'

const ID = 'virtual:cartera/module-packages'

/** CARTERA_MODULE_PACKAGES from the environment, else from the .env file (a build outside ace). */
function configuredPackages(root: string): string[] {
  let value = process.env.CARTERA_MODULE_PACKAGES
  if (value === undefined) {
    try {
      const line = readFileSync(join(root, '.env'), 'utf8')
        .split('\n')
        .find((l) => l.startsWith('CARTERA_MODULE_PACKAGES='))
      value = line?.slice('CARTERA_MODULE_PACKAGES='.length).trim()
    } catch {}
  }
  return (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
}

/**
 * Module packages (config/modules.ts) in the page shell: `virtual:cartera/module-packages`
 * exports, per module name, the lazy page loaders of the package's `pages/` folder (next to its
 * manifest), the prefix of their keys, and its lang files. resources/js/app.tsx resolves
 * `<module>/<page>` there after modules/<module>/pages, and ui/i18n.ts adds the translations —
 * so a package module ships pages and labels with no kernel edit.
 */
function modulePackagePages(): Plugin {
  let root = process.cwd()
  return {
    name: 'cartera-module-packages',
    configResolved(config) {
      root = config.root
    },
    resolveId(id) {
      return id === ID ? `\0${ID}` : undefined
    },
    async load(id) {
      if (id !== `\0${ID}`) return undefined
      const require = createRequire(join(root, 'package.json'))
      const entries: string[] = []
      for (const specifier of configuredPackages(root)) {
        const main = require.resolve(specifier)
        const manifest = (await import(main)).default as { name: string; lang?: string }
        const pagesDir = join(dirname(main), 'pages')
        const prefix = '/' + relative(root, pagesDir).split(sep).join('/') + '/'
        const langDir = join(dirname(main), manifest.lang ?? 'lang')
        const langGlob = '/' + relative(root, langDir).split(sep).join('/') + '/**/*.json'
        entries.push(
          `${JSON.stringify(manifest.name)}: { prefix: ${JSON.stringify(prefix)}, pages: ` +
            `import.meta.glob(${JSON.stringify(prefix + '**/*.{tsx,jsx}')}), lang: ` +
            `import.meta.glob(${JSON.stringify(langGlob)}, { eager: true, import: 'default' }) }`
        )
      }
      return `export default {${entries.join(',\n')}}\n`
    },
  }
}

export default defineConfig({
  plugins: [
    react(),
    modulePackagePages(),
    adonisjs({
      entryPoints: ['resources/js/app.tsx'],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
  resolve: {
    // Kernel and module pages import the shared UI kit as "~/ui".
    alias: { '~': fileURLToPath(new URL('./resources/js', import.meta.url)) },
  },
  // Test runs pick their own HMR port so several can run side by side.
  server: process.env.VITE_HMR_PORT ? { hmr: { port: Number(process.env.VITE_HMR_PORT) } } : {},
  css: { postcss: './postcss.config.cjs' },
  build: {
    chunkSizeWarningLimit: 1500,
  },
})
