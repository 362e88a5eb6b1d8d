/**
 * The CRM's editable lists (Administración › Listas), declared by the manifest: codes stored in
 * its rows, with default labels. Each organization's values live in the kernel
 * (`#app/settings/lists`); this file only holds the defaults (the manifest loads it at boot).
 */
import type { ListDefinition, ListValueDefinition } from '#app/registry/types'

export const COMPANY_TYPES_LIST = 'crm.company_types'
export const INDUSTRIES_LIST = 'crm.industries'

/** Company types: their labels may change, their codes drive the app (badges, future rules). */
export const COMPANY_TYPE_DEFAULTS: ListValueDefinition[] = [
  { code: 'cliente', labels: { es: 'Cliente', en: 'Customer' } },
  { code: 'prospecto', labels: { es: 'Prospecto', en: 'Prospect' } },
  { code: 'competidor', labels: { es: 'Competidor', en: 'Competitor' } },
  { code: 'proveedor', labels: { es: 'Proveedor', en: 'Supplier' } },
  { code: 'distribuidor', labels: { es: 'Distribuidor', en: 'Distributor' } },
]

/** Sectors: an organization adds, removes, relabels and orders its own. */
export const INDUSTRY_DEFAULTS: ListValueDefinition[] = [
  { code: 'alimentacion', labels: { es: 'Alimentación', en: 'Food and drink' } },
  { code: 'construccion', labels: { es: 'Construcción', en: 'Construction' } },
  { code: 'tecnologia', labels: { es: 'Tecnología', en: 'Technology' } },
  { code: 'hosteleria', labels: { es: 'Hostelería', en: 'Hospitality' } },
  { code: 'industria', labels: { es: 'Industria', en: 'Manufacturing' } },
  { code: 'comercio', labels: { es: 'Comercio', en: 'Retail and wholesale' } },
  { code: 'transporte', labels: { es: 'Transporte y logística', en: 'Transport and logistics' } },
  { code: 'salud', labels: { es: 'Salud', en: 'Health' } },
  { code: 'educacion', labels: { es: 'Educación', en: 'Education' } },
  {
    code: 'servicios_profesionales',
    labels: { es: 'Servicios profesionales', en: 'Professional services' },
  },
  { code: 'inmobiliaria', labels: { es: 'Inmobiliaria', en: 'Real estate' } },
  { code: 'agricultura', labels: { es: 'Agricultura', en: 'Agriculture' } },
  { code: 'energia', labels: { es: 'Energía', en: 'Energy' } },
  { code: 'otros', labels: { es: 'Otros', en: 'Other' } },
]

export const CRM_LISTS: ListDefinition[] = [
  {
    key: COMPANY_TYPES_LIST,
    label: 'crm.lists.company_types',
    description: 'crm.lists.company_types_help',
    // The codes drive the app (badges, filters, later rules): relabel, reorder, deactivate.
    editable: 'labels',
    values: COMPANY_TYPE_DEFAULTS,
  },
  {
    key: INDUSTRIES_LIST,
    label: 'crm.lists.industries',
    description: 'crm.lists.industries_help',
    editable: 'open',
    values: INDUSTRY_DEFAULTS,
    usage: () => import('./support/list_usage.js'),
  },
]
