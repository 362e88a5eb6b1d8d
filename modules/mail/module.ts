import { defineModule } from '#app/registry/types'
import { withParts } from '#app/registry/parts'
import { part as composePart } from './features/compose.js'
import triage from './features/triage.js'

/*
 * Mail capture: IMAP mailboxes (shared and personal) and archives into one canonical store,
 * linked to CRM records and shown in their history; sending mail from records.
 */
export default defineModule(
  withParts(
    {
      name: 'mail',
      version: '0.1.0',
      tier: 'basico',
      dependsOn: ['crm'],
      resources: [
        {
          key: 'mail.mailboxes',
          actions: ['view', 'configure'],
          actionLabels: { configure: 'mail.permissions.configure' },
          demo: { director: ['view', 'configure'], leader: ['view'] },
        },
        {
          key: 'mail.messages',
          // edit: move a message to another record, file it in a personal folder.
          actions: ['view', 'edit', 'send', 'manage'],
          actionLabels: { send: 'mail.permissions.send', manage: 'mail.permissions.manage' },
          demo: {
            director: ['view', 'edit', 'send', 'manage'],
            leader: ['view', 'edit', 'send', 'manage'],
            zone: ['view', 'edit', 'send'],
            rep: ['view', 'edit', 'send'],
            support: ['view', 'edit', 'send'],
          },
          documents: {
            subjectType: 'mail.message',
            recordAccess: () => import('./access/message_documents.js'),
          },
        },
      ],
      subjects: [{ type: 'mail.message', label: 'mail.messages.one' }],
      timelineKinds: [
        {
          kind: 'mail.received',
          label: 'mail.timeline.received',
          icon: 'mail',
          filter: 'mail.timeline.filter',
          message: 'in',
        },
        {
          kind: 'mail.sent',
          label: 'mail.timeline.sent',
          icon: 'send',
          filter: 'mail.timeline.filter',
          message: 'out',
        },
      ],
      navigation: [
        {
          label: 'mail.nav.mailboxes',
          route: 'mail.mailboxes.index',
          permission: 'mail.mailboxes.view',
          icon: 'mailbox',
          section: 'settings',
        },
      ],
      routes: () => import('./routes.js'),
      notifications: [
        { kind: 'captured', label: 'mail.notifications.captured_kind', defaultEmail: 'digest' },
      ],
      jobs: () => import('./jobs/index.js'),
      // Runs once at boot in every process: where jobs run, it starts the IMAP IDLE watcher
      // (new mail → a mailSync job within seconds; MAIL_IDLE=off to poll only).
      listeners: () => import('./sync/idle_boot.js'),
      // Polling every minute (one sync per mailbox at a time, across processes: a lease); the
      // only way in for servers without IDLE, the safety net for the others.
      schedules: [
        { job: 'mailSyncAll', cron: '* * * * *' },
        // Attachment files a killed capture left without their rows (older than a day).
        { job: 'mailSweepFiles', cron: '17 * * * *' },
      ],
      demoSeeder: () => import('./database/seeders/demo.js'),
      root: import.meta.url,
    },
    // Each feature's manifest entries live beside it (features/*.ts), appended in this order.
    [composePart, triage]
  )
)
