import { defineConfig } from 'vite'
import adonisjs from '@adonisjs/vite/client'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  plugins: [
    react(),
    adonisjs({
      entrypoints: ['resources/js/app.tsx'],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
  resolve: {
    // Kernel and module pages import the shared UI kit as "~/ui".
    alias: { '~': fileURLToPath(new URL('./resources/js', import.meta.url)) },
  },
  css: { postcss: './postcss.config.cjs' },
  build: {
    chunkSizeWarningLimit: 1500,
  },
})
