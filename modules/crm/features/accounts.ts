import type { ManifestPart } from '#app/registry/parts'
import { ACCOUNT_LISTS } from '../account_lists.js'

/**
 * Complete companies and contacts: their editable lists, and the competitors' and distributors'
 * own entries in the menu (the companies list opened at its quick filter: routes/accounts.ts).
 */
const part: ManifestPart = {
  lists: ACCOUNT_LISTS,
  navigation: [
    {
      label: 'crm.nav.competitors',
      route: 'crm.companies.competitors',
      permission: 'crm.companies.view',
      icon: 'swords',
    },
    {
      label: 'crm.nav.distributors',
      route: 'crm.companies.distributors',
      permission: 'crm.companies.view',
      icon: 'truck-delivery',
    },
  ],
}

export default part
