import ViteProvider from '@adonisjs/vite/vite_provider'

/**
 * Adonis' Vite provider, except in a test run handed a prebuilt bundle (scripts/test.mjs builds
 * public/assets and sets VITE_PREBUILT=1): the pages then load that bundle, as in production,
 * instead of Vite's dev server transforming hundreds of modules for every new browser context.
 * `VITE_PREBUILT=0 npm test` keeps the dev server.
 */
export default class CarteraViteProvider extends ViteProvider {
  async start() {
    if (process.env.VITE_PREBUILT === '1') return
    await super.start()
  }

  async shutdown() {
    if (process.env.VITE_PREBUILT === '1') return
    await super.shutdown()
  }
}
