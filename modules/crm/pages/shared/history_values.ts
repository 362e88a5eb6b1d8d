import { formatPhone, hasTranslation } from '~/ui'
import type { CatalogLabels } from './types'

type T = (key: string, values?: Record<string, unknown>) => string

/**
 * How the CRM's history shows a changed value: list codes (type, industry, address kind)
 * by their labels, yes/no for booleans, the primary phone or e-mail marked in words, and linked
 * records the reader may not see (or that no longer exist) as a neutral label.
 */
export function historyValueLabel(t: T, locale: string, labels?: CatalogLabels) {
  return (field: string, value: unknown): string => {
    if (value && typeof value === 'object' && 'unavailable' in value)
      return t(`crm.history.${String((value as { unavailable: string }).unavailable)}`)
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no')
    if (typeof value !== 'string')
      return typeof value === 'object' ? JSON.stringify(value) : String(value)
    // The organization's list labels (a deactivated value keeps its label).
    if (field === 'type') return labels?.type[value] ?? value
    if (field === 'industry') return labels?.industry[value] ?? value
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
