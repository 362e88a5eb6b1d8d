import { formatPhone, hasTranslation } from '~/ui'

type T = (key: string, values?: Record<string, unknown>) => string

/**
 * How the CRM's history shows a changed value: list keys (type, industry, address kind)
 * translated, yes/no for booleans, the primary phone or e-mail marked in words, and linked
 * records the reader may not see (or that no longer exist) as a neutral label.
 */
export function historyValueLabel(t: T, locale: string) {
  const known = (key: string, fallback: string) => (hasTranslation(locale, key) ? t(key) : fallback)
  return (field: string, value: unknown): string => {
    if (value && typeof value === 'object' && 'unavailable' in value)
      return t(`crm.history.${String((value as { unavailable: string }).unavailable)}`)
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no')
    if (typeof value !== 'string')
      return typeof value === 'object' ? JSON.stringify(value) : String(value)
    if (field === 'type') return known(`crm.types.${value}`, value)
    if (field === 'industry') return known(`crm.industries.${value}`, value)
    if (field === 'addresses') {
      // Stored as "<kind>, street, postal code city, province, country".
      const [kind, ...rest] = value.split(', ')
      return hasTranslation(locale, `crm.address_kinds.${kind}`)
        ? [`${t(`crm.address_kinds.${kind}`)}:`, rest.join(', ')].join(' ')
        : value
    }
    // Phones are stored in E.164 ("Oficina: +34912345678 *"): shown grouped, as everywhere else.
    const text = field === 'phones' ? value.replace(/\+\d{8,15}/g, (n) => formatPhone(n)) : value
    if ((field === 'phones' || field === 'emails') && text.endsWith(' *'))
      return `${text.slice(0, -2)} (${t('crm.history.primary')})`
    return text
  }
}
