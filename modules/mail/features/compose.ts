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
    {
      label: 'mail.compose.nav.outbox',
      route: 'mail.compose.outbox',
      permission: 'mail.messages.send',
      icon: 'send',
    },
  ],
  // "Escribir correo" among the quick actions of every CRM record page.
  recordActions: [
    {
      label: 'mail.compose.nav.write',
      route: 'mail.compose.create',
      permission: 'mail.messages.send',
      icon: 'mail-forward',
      subjects: ['crm.company', 'crm.contact', 'crm.lead', 'crm.opportunity'],
      // Sent from Cartera, stored in the history: the plain mailto: link would bypass that.
      replaces: 'mailto',
    },
  ],
}
