/**
 * Editable lists of the complete companies and contacts (Administración › Listas): zones,
 * company statuses and sizes, contacts' genders and the sources of a consent or an opt-out.
 * Codes are stored in the rows; labels are the organization's (#app/settings/lists).
 */
import type { ListDefinition, ListValueDefinition } from '#app/registry/types'

export const ZONES_LIST = 'crm.zones'
export const COMPANY_STATUSES_LIST = 'crm.company_statuses'
export const COMPANY_SIZES_LIST = 'crm.company_sizes'
export const GENDERS_LIST = 'crm.genders'
export const CONSENT_SOURCES_LIST = 'crm.consent_sources'

const value = (code: string, es: string, en: string): ListValueDefinition => ({
  code,
  labels: { es, en },
})

/** Languages a contact may be written to in (ISO 639-1): mass mail picks its template by it. */
export const CONTACT_LANGUAGES = ['es', 'en', 'ca', 'eu', 'gl', 'fr', 'de', 'pt', 'it'] as const

/** Communication consent (GDPR): unknown until the contact says. */
export const CONSENT_STATUSES = ['unknown', 'granted', 'denied'] as const
export type ConsentStatus = (typeof CONSENT_STATUSES)[number]

export const ACCOUNT_LISTS: ListDefinition[] = [
  {
    key: ZONES_LIST,
    label: 'crm.lists.zones',
    description: 'crm.lists.zones_help',
    editable: 'open',
    values: [
      value('norte', 'Norte', 'North'),
      value('centro', 'Centro', 'Centre'),
      value('levante', 'Levante', 'East coast'),
      value('sur', 'Sur', 'South'),
      value('noroeste', 'Noroeste', 'North-west'),
      value('nordeste', 'Nordeste', 'North-east'),
      value('islas', 'Islas', 'Islands'),
      value('exportacion', 'Exportación', 'Export'),
    ],
  },
  {
    key: COMPANY_STATUSES_LIST,
    label: 'crm.lists.company_statuses',
    description: 'crm.lists.company_statuses_help',
    editable: 'open',
    values: [
      value('activa', 'Activa', 'Active'),
      value('inactiva', 'Inactiva', 'Inactive'),
      value('baja', 'Baja', 'Closed'),
      value('moroso', 'Morosa', 'In arrears'),
    ],
  },
  {
    key: COMPANY_SIZES_LIST,
    label: 'crm.lists.company_sizes',
    description: 'crm.lists.company_sizes_help',
    // The codes follow the EU SME definition (lead assignment rules may read them).
    editable: 'labels',
    values: [
      value('micro', 'Micro (1–9)', 'Micro (1–9)'),
      value('pequena', 'Pequeña (10–49)', 'Small (10–49)'),
      value('mediana', 'Mediana (50–249)', 'Medium (50–249)'),
      value('grande', 'Grande (250+)', 'Large (250+)'),
    ],
  },
  {
    key: GENDERS_LIST,
    label: 'crm.lists.genders',
    description: 'crm.lists.genders_help',
    editable: 'open',
    values: [
      value('mujer', 'Mujer', 'Woman'),
      value('hombre', 'Hombre', 'Man'),
      value('no_binario', 'No binario', 'Non-binary'),
      value('no_indica', 'Prefiere no indicarlo', 'Prefers not to say'),
    ],
  },
  {
    key: CONSENT_SOURCES_LIST,
    label: 'crm.lists.consent_sources',
    description: 'crm.lists.consent_sources_help',
    editable: 'open',
    values: [
      value('formulario_web', 'Formulario web', 'Web form'),
      value('contrato', 'Contrato', 'Contract'),
      value('verbal', 'Verbal', 'Verbal'),
      value('email', 'Correo electrónico', 'E-mail'),
      value('importacion', 'Importación', 'Import'),
      value('otro', 'Otro', 'Other'),
    ],
  },
]
