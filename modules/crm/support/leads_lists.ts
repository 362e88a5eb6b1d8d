import type { ListDefinition, ListValueDefinition } from '#app/registry/types'

/** The leads' editable lists (Administración › Listas): codes stored in crm_leads. */
export const LEAD_SOURCES_LIST = 'crm.lead_sources'
// Company sizes are the companies' list (account_lists.ts): a lead and a company share the codes.
export { COMPANY_SIZES_LIST } from '../account_lists.js'
export const PRODUCT_INTERESTS_LIST = 'crm.product_interests'
export const DISQUALIFY_REASONS_LIST = 'crm.disqualify_reasons'

/** Lead statuses: they drive the app (convert, disqualify, reopen), so they are not a list. */
export const LEAD_STATUSES = ['new', 'working', 'converted', 'disqualified'] as const
export type LeadStatus = (typeof LEAD_STATUSES)[number]

/** Timeline kinds of the leads (declared in features/leads.ts). */
export const LEAD_KINDS = {
  converted: 'crm.lead_converted',
  disqualified: 'crm.lead_disqualified',
  reopened: 'crm.lead_reopened',
  merged: 'crm.lead_merged',
} as const

/** Languages a lead may speak (ISO 639-1), used later by assignment rules and mail. */
export const LEAD_LANGUAGES = ['es', 'en', 'ca', 'eu', 'gl', 'fr', 'de', 'pt', 'it'] as const

const SOURCES: ListValueDefinition[] = [
  { code: 'web', labels: { es: 'Web', en: 'Website' } },
  { code: 'telefono', labels: { es: 'Teléfono', en: 'Phone' } },
  { code: 'email', labels: { es: 'E-mail', en: 'E-mail' } },
  { code: 'feria', labels: { es: 'Feria', en: 'Trade fair' } },
  { code: 'referido', labels: { es: 'Referido', en: 'Referral' } },
  { code: 'importacion', labels: { es: 'Importación', en: 'Import' } },
  { code: 'campana', labels: { es: 'Campaña', en: 'Campaign' } },
  { code: 'otros', labels: { es: 'Otros', en: 'Other' } },
]

const INTERESTS: ListValueDefinition[] = [
  { code: 'crm', labels: { es: 'CRM', en: 'CRM' } },
  { code: 'erp', labels: { es: 'ERP', en: 'ERP' } },
  { code: 'tpv', labels: { es: 'TPV', en: 'Point of sale' } },
  { code: 'web', labels: { es: 'Web y tienda online', en: 'Website and online shop' } },
  { code: 'soporte', labels: { es: 'Soporte y mantenimiento', en: 'Support and maintenance' } },
  { code: 'otros', labels: { es: 'Otros', en: 'Other' } },
]

const REASONS: ListValueDefinition[] = [
  { code: 'sin_presupuesto', labels: { es: 'Sin presupuesto', en: 'No budget' } },
  { code: 'sin_interes', labels: { es: 'Sin interés', en: 'Not interested' } },
  { code: 'no_contactable', labels: { es: 'No contactable', en: 'Unreachable' } },
  { code: 'competencia', labels: { es: 'Eligió a la competencia', en: 'Chose a competitor' } },
  { code: 'duplicado', labels: { es: 'Duplicado', en: 'Duplicate' } },
  { code: 'spam', labels: { es: 'Spam', en: 'Spam' } },
  { code: 'otros', labels: { es: 'Otros', en: 'Other' } },
]

export const LEAD_LISTS: ListDefinition[] = [
  { key: LEAD_SOURCES_LIST, label: 'crm.lists.lead_sources', editable: 'open', values: SOURCES },
  {
    key: PRODUCT_INTERESTS_LIST,
    label: 'crm.lists.product_interests',
    editable: 'open',
    values: INTERESTS,
  },
  {
    key: DISQUALIFY_REASONS_LIST,
    label: 'crm.lists.disqualify_reasons',
    editable: 'open',
    values: REASONS,
  },
]
