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
    {
      label: 'mail.folders.nav',
      route: 'mail.folders.index',
      permission: 'mail.messages.view',
      icon: 'folder',
    },
    {
      label: 'mail.rules.nav',
      route: 'mail.rules.index',
      section: 'settings',
      permission: 'mail.mailboxes.configure',
      icon: 'filter',
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
