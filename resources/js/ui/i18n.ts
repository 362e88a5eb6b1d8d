import { useCallback } from 'react'
import { usePage } from '@inertiajs/react'
import { IntlMessageFormat } from 'intl-messageformat'
import modulePackages from 'virtual:cartera/module-packages'
import type { SharedProps } from './types'

type Catalog = Record<string, string>

/** Flattens nested JSON into dotted keys. */
function flatten(value: unknown, prefix: string, out: Catalog) {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  } else if (typeof value === 'string') {
    out[prefix] = value
  }
}

/*
 * The same files the server reads: resources/lang/<locale>/<file>.json (keys "<file>.…"),
 * app/admin/lang/<locale>.json (keys "admin.…") and app/admin/<feature>/lang/<locale>.json (keys
 * "admin.<feature>.…"), and modules/<name>/lang/<locale>.json or lang/<feature>/<locale>.json (keys
 * "<name>.…"), bundled at build time.
 */
const kernelFiles = import.meta.glob('../../lang/*/*.json', { eager: true, import: 'default' })
const adminFiles = import.meta.glob('../../../app/admin/**/lang/*.json', {
  eager: true,
  import: 'default',
})
const moduleFiles = import.meta.glob(
  ['../../../modules/*/lang/*.json', '../../../modules/*/lang/*/*.json'],
  {
    eager: true,
    import: 'default',
  }
)

const catalogs: Record<string, Catalog> = { es: {}, en: {} }
for (const [path, json] of Object.entries(kernelFiles)) {
  const [, locale, file] = path.match(/lang\/([a-z]{2})\/([\w-]+)\.json$/) ?? []
  if (locale && file) flatten(json, file, (catalogs[locale] ??= {}))
}
for (const [path, json] of Object.entries(adminFiles)) {
  const [, feature, locale] = path.match(/app\/admin\/(?:([\w-]+)\/)?lang\/([a-z]{2})\.json$/) ?? []
  if (locale) flatten(json, feature ? `admin.${feature}` : 'admin', (catalogs[locale] ??= {}))
}
for (const [path, json] of Object.entries(moduleFiles)) {
  const [, module, locale] =
    path.match(/modules\/([\w-]+)\/lang\/(?:[\w-]+\/)?([a-z]{2})\.json$/) ?? []
  if (locale && module) flatten(json, module, (catalogs[locale] ??= {}))
}
// Module packages' lang files (vite.config.ts lists the configured packages).
for (const [module, { lang }] of Object.entries(modulePackages)) {
  for (const [path, json] of Object.entries(lang)) {
    const [, locale] = path.match(/\/([a-z]{2})\.json$/) ?? []
    if (locale) flatten(json, module, (catalogs[locale] ??= {}))
  }
}

const formats = new Map<string, IntlMessageFormat>()

/** Translates `key` in `locale` (falls back to Spanish, then to the key itself). */
export function translate(locale: string, key: string, values?: Record<string, unknown>): string {
  const message = catalogs[locale]?.[key] ?? catalogs.es[key]
  if (message === undefined) return key
  if (!values && !message.includes('{')) return message
  const cacheKey = `${locale}\u0000${key}`
  let format = formats.get(cacheKey)
  if (!format) {
    format = new IntlMessageFormat(message, locale)
    formats.set(cacheKey, format)
  }
  return String(format.format(values as Record<string, string>))
}

export function hasTranslation(locale: string, key: string): boolean {
  return key in (catalogs[locale] ?? {}) || key in catalogs.es
}

/**
 * Translation function for the current page's locale; the same function while the locale stays
 * (the catalogs are fixed at build time), so hooks may list it among their dependencies.
 */
export function useT() {
  const { locale } = usePage<SharedProps>().props
  const t = useCallback(
    (key: string, values?: Record<string, unknown>) => translate(locale, key, values),
    [locale]
  )
  return { t, locale }
}
