import { hasTranslation, historyValueLabel } from '~/ui'
import type { CatalogLabels } from '../../dto/shared'

type T = (key: string, values?: Record<string, unknown>) => string

/**
 * How the CRM's history shows its coded values: list codes (type, industry) by the
 * organization's labels (a deactivated value keeps its label) and address kinds by theirs; the
 * rest as every record's history shows it.
 */
export function crmHistoryValueLabel(t: T, locale: string, labels?: CatalogLabels) {
  return historyValueLabel(t, (field, value) => {
    if (field === 'type') return labels?.type[value] ?? value
    if (field === 'industry') return labels?.industry[value] ?? value
    if (field === 'addresses') {
      // Stored as "<kind>, street, postal code city, province, country".
      const [kind, ...rest] = value.split(', ')
      return hasTranslation(locale, `crm.address_kinds.${kind}`)
        ? [`${t(`crm.address_kinds.${kind}`)}:`, rest.join(', ')].join(' ')
        : value
    }
    return null
  })
}
