import type { ExportText } from '../companies/export_companies.js'
import { profileSnapshot } from '../../imports/contact_fields.js'

/** The profile and GDPR columns an export reads (`ct` = crm_contacts). */
export const PROFILE_COLUMNS = [
  'ct.gender',
  'ct.birthday',
  'ct.consent_at',
  'ct.consent_source',
  'ct.opted_out_at',
  'ct.opt_out_source',
]

/**
 * A contact's profile and GDPR cells, in the order of the export's columns: list codes by the
 * organization's labels, the consent by its word, days as YYYY-MM-DD, the opt-out as Sí/No.
 * The import reads every one of them back (imports/contact_fields.ts).
 */
export function profileCells(raw: Record<string, any>, text: ExportText) {
  const v = profileSnapshot(raw)
  const label = (code: string | null | undefined) =>
    code ? (text.contactLabels?.[code] ?? code) : null
  return [
    label(v.gender),
    v.language,
    v.birthday,
    text.t(`crm.consent.statuses.${v.consentStatus}`),
    v.consentAt,
    label(v.consentSource),
    text.t(v.optedOut === 'yes' ? 'common.yes' : 'common.no'),
    v.optedOutAt,
    label(v.optOutSource),
  ]
}
