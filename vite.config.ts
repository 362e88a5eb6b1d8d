import { defineConfig } from 'vite'
import adonisjs from '@adonisjs/vite/client'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  plugins: [
    react(),
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
