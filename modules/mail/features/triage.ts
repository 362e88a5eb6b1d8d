import type { ManifestPart } from '#app/registry/parts'

/** Triage inbox, moving and reassigning messages, capture rules and personal folders. */
const part: ManifestPart = {
  navigation: [
    {
      label: 'mail.triage.nav',
      route: 'mail.triage.index',
      permission: 'mail.messages.view',
      icon: 'inbox',
    },
  ],
  notifications: [
    {
      kind: 'assigned',
      label: 'mail.triage.notifications.assigned_kind',
      defaultEmail: 'immediate',
    },
  ],
}

export default part
