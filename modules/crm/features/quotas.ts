import type { ManifestPart } from '#app/registry/parts'
import { QUOTA_LISTS } from '../quotas/lists.js'

/**
 * Sales quotas' manifest entries. `view` is scoped (quotas/visibility.ts): `own` sees the
 * user's own quotas, `team`/`hierarchy` those of the users in scope plus the teams the user
 * leads, `all` every quota. `manage` creates and edits quotas within the same scope.
 */
const part: ManifestPart = {
  resources: [
    {
      key: 'crm.quotas',
      actions: ['view', 'manage'],
      actionLabels: { manage: 'crm.quotas.actions.manage' },
      demo: {
        director: ['view', 'manage'],
        leader: ['view', 'manage'],
        zone: ['view'],
        rep: ['view'],
        support: ['view'],
      },
    },
  ],
  lists: QUOTA_LISTS,
  navigation: [
    {
      label: 'crm.nav.quotas',
      route: 'crm.quotas.index',
      permission: 'crm.quotas.view',
      icon: 'target',
    },
  ],
}

export default part
