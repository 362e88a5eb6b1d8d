import type { ListDefinition } from '#app/registry/types'

/** Product families (an editable list until the sales module brings a catalogue): quota targets. */
export const PRODUCT_FAMILIES_LIST = 'crm.product_families'

/** Same codes as the leads' products of interest, so a converted lead's interest fits. */
export const QUOTA_LISTS: ListDefinition[] = [
  {
    key: PRODUCT_FAMILIES_LIST,
    label: 'crm.lists.product_families',
    description: 'crm.lists.product_families_help',
    editable: 'open',
    values: [
      { code: 'crm', labels: { es: 'CRM', en: 'CRM' } },
      { code: 'erp', labels: { es: 'ERP', en: 'ERP' } },
      { code: 'tpv', labels: { es: 'TPV', en: 'Point of sale' } },
      { code: 'web', labels: { es: 'Web y tienda online', en: 'Website and online shop' } },
      { code: 'soporte', labels: { es: 'Soporte y mantenimiento', en: 'Support and maintenance' } },
    ],
  },
]
