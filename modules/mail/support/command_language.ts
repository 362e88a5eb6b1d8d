import i18nManager from '@adonisjs/i18n/services/main'
import db from '@adonisjs/lucid/services/db'
import { ImportFileError } from '#app/import/errors'

/**
 * The language a mail command writes in, the same throughout its output: `--locale` when given
 * (an unknown one is an error, said in the default language), else the organization's default
 * language once known, else the application's.
 */
export function commandLanguage(flag?: string) {
  const chosen = flag ? i18nManager.getSupportedLocaleFor(flag) : null
  let i18n = i18nManager.locale(chosen ?? i18nManager.defaultLocale)
  const t = (key: string, values?: Record<string, unknown>) => i18n.t(key, values ?? {})
  return {
    t,
    /** Throws when `--locale` names a language the application does not have. */
    check() {
      if (flag && !chosen)
        throw new ImportFileError('mail.status.unknown_locale', {
          locale: flag,
          supported: i18nManager.supportedLocales().join(', '),
        })
    },
    /** Speaks the organization's language from now on, unless `--locale` chose one. */
    async organization(id: number) {
      if (chosen) return
      const row = await db.from('organizations').where('id', id).select('default_locale').first()
      const own = row?.default_locale && i18nManager.getSupportedLocaleFor(row.default_locale)
      if (own) i18n = i18nManager.locale(own)
    },
    /** A failure's text: translated where it carries a message key. */
    message(error: unknown) {
      return error instanceof ImportFileError
        ? t(error.key, error.values)
        : (error as Error).message
    },
  }
}
