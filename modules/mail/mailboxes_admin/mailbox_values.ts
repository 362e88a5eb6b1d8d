import db from '@adonisjs/lucid/services/db'
import { notFound } from '#app/support/http'
import { openSecret } from '../support/secrets.js'
import { followedFolders } from '../sync/session.js'
import type { MailboxFormOptions, MailboxFormValues } from '../dto/mailboxes_admin.js'

const COLUMNS = [
  'id',
  'name',
  'address',
  'kind',
  'owner_user_id',
  'team_id',
  'privacy',
  'enabled',
  'imap_host',
  'imap_port',
  'imap_security',
  'imap_user',
  'imap_secret',
  'folders',
  'smtp_host',
  'smtp_port',
  'smtp_security',
  'smtp_user',
  'smtp_secret',
]

/** A mailbox row of the organization (404 otherwise), secrets included: server side only. */
export async function mailboxRow(organizationId: number, mailboxId: number) {
  const row = await db
    .from('mail_mailboxes')
    .where({ organization_id: organizationId, id: mailboxId })
    .select(COLUMNS)
    .first()
  if (!row) notFound()
  return row
}

/** The form's values of a mailbox: everything but the passwords (only whether one is stored). */
export async function mailboxValues(
  organizationId: number,
  mailboxId: number
): Promise<MailboxFormValues> {
  const row = await mailboxRow(organizationId, mailboxId)
  const id = (v: unknown) => (v === null || v === undefined ? null : Number(v))
  return {
    id: Number(row.id),
    name: row.name,
    address: row.address,
    kind: row.kind,
    ownerUserId: id(row.owner_user_id),
    teamId: id(row.team_id),
    privacy: row.privacy,
    enabled: !!row.enabled,
    imapHost: row.imap_host,
    imapPort: id(row.imap_port),
    imapSecurity: row.imap_security,
    imapUser: row.imap_user,
    imapPasswordStored: !!row.imap_secret,
    folders: followedFolders(row.folders),
    smtpHost: row.smtp_host,
    smtpPort: id(row.smtp_port),
    smtpSecurity: row.smtp_security,
    smtpUser: row.smtp_user,
    smtpPasswordStored: !!row.smtp_secret,
  }
}

/** The stored password of a mailbox's IMAP or SMTP account (null when none or unreadable). */
export async function storedPassword(
  organizationId: number,
  mailboxId: number,
  target: 'imap' | 'smtp'
): Promise<string | null> {
  const row = await mailboxRow(organizationId, mailboxId)
  return openSecret(target === 'imap' ? row.imap_secret : row.smtp_secret)
}

/** Owners a personal mailbox may have (active users) and teams a shared one may belong to. */
export async function mailboxFormOptions(organizationId: number): Promise<MailboxFormOptions> {
  const [users, teams] = await Promise.all([
    db
      .from('users')
      .where({ organization_id: organizationId, is_active: true })
      .orderBy('full_name_normalized')
      .select('id', 'full_name', 'email'),
    db.from('teams').where('organization_id', organizationId).orderBy('name').select('id', 'name'),
  ])
  return {
    users: users.map((u) => ({ value: String(u.id), label: `${u.full_name} <${u.email}>` })),
    teams: teams.map((t) => ({ value: String(t.id), label: t.name })),
  }
}
