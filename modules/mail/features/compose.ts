import type { ManifestPart } from '#app/registry/parts'

/** Sending mail from records: the templates page under the module's settings. */
export const part: ManifestPart = {
  navigation: [
    {
      label: 'mail.compose.nav.templates',
      route: 'mail.templates.index',
      permission: 'mail.mailboxes.configure',
      icon: 'template',
      section: 'settings',
    },
  ],
}
