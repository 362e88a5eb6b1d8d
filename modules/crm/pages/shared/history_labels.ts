import { hasTranslation, historyValueLabel } from '~/ui'

type T = (key: string, values?: Record<string, unknown>) => string

/** Coded fields whose history shows a list's label: field → key in the page's labels. */
const LISTED: Record<string, string> = {
  type: 'type',
  industry: 'industry',
  industries: 'industry',
  zone: 'zone',
  status: 'status',
  size: 'size',
  gender: 'gender',
  consentSource: 'source',
  optOutSource: 'source',
}

/** Coded fields with fixed codes, labelled by their i18n prefix. */
const FIXED: Record<string, string> = {
  consentStatus: 'crm.consent.statuses',
  language: 'crm.languages',
}

/**
 * How the CRM's history shows its coded values: list codes (type, industry, zone…) by the
 * organization's labels (a deactivated value keeps its label), fixed codes (consent, language)
 * and address kinds by theirs; the rest as every record's history shows it.
 */
export function crmHistoryValueLabel(
  t: T,
  locale: string,
  labels?: Partial<Record<string, Record<string, string>>>
) {
  return historyValueLabel(t, (field, value) => {
    if (LISTED[field]) return labels?.[LISTED[field]]?.[value] ?? value
    if (FIXED[field])
      return hasTranslation(locale, `${FIXED[field]}.${value}`)
        ? t(`${FIXED[field]}.${value}`)
        : value
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
