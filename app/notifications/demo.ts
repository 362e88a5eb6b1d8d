import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'

/** A few notifications for the demo administrator's bell (two unread), no mail. */
export async function seedDemoNotifications(organizationId: number, userId: number) {
  const at = (hoursAgo: number) => dbTimestamp(new Date(Date.now() - hoursAgo * 3_600_000))
  const rows = [
    {
      kind: 'kernel.import_finished',
      key: 'notifications.messages.import_finished',
      params: { file: 'empresas-2026.xlsx', created: 412, updated: 37, rejected: 3 },
      link: '/crm/companies',
      hoursAgo: 50,
      read: true,
    },
    {
      kind: 'kernel.job_failed',
      key: 'notifications.messages.job_failed',
      params: {
        job: { t: 'admin.jobs.names.kernel.send_password_reset_mail' },
        attempts: 3,
        error: 'SMTP 421',
      },
      link: '/admin/jobs?state=failed',
      hoursAgo: 5,
      read: false,
    },
    {
      kind: 'kernel.import_finished',
      key: 'notifications.messages.import_finished',
      params: { file: 'contactos-feria.csv', created: 58, updated: 4, rejected: 0 },
      link: '/crm/contacts',
      hoursAgo: 1,
      read: false,
    },
  ]
  await db.table('notifications').multiInsert(
    rows.map((r) => ({
      organization_id: organizationId,
      user_id: userId,
      kind: r.kind,
      message_key: r.key,
      message_params: JSON.stringify(r.params),
      link: r.link,
      email: 'off',
      read_at: r.read ? at(r.hoursAgo - 1) : null,
      created_at: at(r.hoursAgo),
    }))
  )
}
