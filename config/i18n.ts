import app from '@adonisjs/core/services/app'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'
import { moduleTranslationsLoader } from '#app/registry/translations'
import { adminTranslationsLoader } from '#app/admin/translations'

/**
 * Spanish first, English second. Kernel messages live in resources/lang/<locale>/<file>.json
 * (keys "<file>.<key>"); each module's in modules/<name>/lang/<locale>.json (keys "<name>.<key>");
 * Administración's beside each feature, app/admin/<feature>/lang/<locale>.json (keys "admin.<feature>.<key>").
 */
const i18nConfig = defineConfig({
  defaultLocale: 'es',
  supportedLocales: ['es', 'en'],
  fallbackLocales: { en: 'es' },
  formatter: formatters.icu(),
  loaders: [
    loaders.fs({ location: app.languageFilesPath() }),
    adminTranslationsLoader,
    moduleTranslationsLoader,
  ],
})

export default i18nConfig
