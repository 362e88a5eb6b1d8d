import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { notFound } from '#app/support/http'
import { RuleError } from '#app/support/rule_error'
import { isUniqueViolation } from '../pipeline/intake.js'
import { sealSecret } from '../support/secrets.js'
import { guardHost, HostRefused } from '../net/host_guard.js'
import type { mailboxValidator } from '../validators/mailboxes_admin.js'
import { mailboxRow } from './mailbox_values.js'

export type MailboxInput = Infer<typeof mailboxValidator>

const T = 'mail.mailboxes_admin'

/** Refuses a host in a private range (unless allowed); a name that does not resolve may be saved. */
async function checkHost(host: string | null | undefined, field: string) {
  if (!host) return
  try {
    await guardHost(host)
  } catch (error) {
    if (error instanceof HostRefused && error.code === 'private_host')
      throw new RuleError(`${T}.test.codes.private_host`, {}, field)
    if (!(error instanceof HostRefused)) throw error
  }
}

/** The owner must be an active user of the organization; the team one of its teams. */
async function checkPeople(organizationId: number, data: MailboxInput) {
  if (data.kind === 'personal' && data.ownerUserId) {
    const user = await db
      .from('users')
      .where({ organization_id: organizationId, id: data.ownerUserId, is_active: true })
      .first()
    if (!user) notFound()
  }
  if (data.kind !== 'personal' && data.teamId) {
    const team = await db
      .from('teams')
      .where({ organization_id: organizationId, id: data.teamId })
      .first()
    if (!team) notFound()
  }
}

/**
 * Creates or updates a mailbox from its form. Passwords are sealed with the app key; a blank
 * one keeps what is stored. A new mailbox on a server needs its IMAP password. The SSRF guard
 * refuses hosts in private ranges unless the installation allows them.
 */
export async function saveMailbox(params: {
  organizationId: number
  mailboxId?: number
  data: MailboxInput
}): Promise<number> {
  const { organizationId, mailboxId, data } = params
  const current = mailboxId ? await mailboxRow(organizationId, mailboxId) : null
  const onServer = data.kind !== 'archive'
  if (onServer && !data.imapPassword && !current?.imap_secret)
    throw new RuleError(`${T}.validator.password_required`, {}, 'imapPassword')
  await checkPeople(organizationId, data)
  await checkHost(onServer ? data.imapHost : null, 'imapHost')
  await checkHost(data.smtpHost, 'smtpHost')
  const now = dbTimestamp()
  const row: Record<string, unknown> = {
    name: data.name,
    address: data.address ?? null,
    kind: data.kind,
    owner_user_id: data.kind === 'personal' ? data.ownerUserId : null,
    team_id: data.kind === 'personal' ? null : (data.teamId ?? null),
    privacy: data.privacy,
    enabled: data.enabled,
    imap_host: onServer ? data.imapHost : null,
    imap_port: onServer ? data.imapPort : null,
    imap_security: data.imapSecurity,
    imap_user: onServer ? data.imapUser : null,
    folders: JSON.stringify(onServer && data.folders?.length ? data.folders : ['INBOX']),
    smtp_host: data.smtpHost ?? null,
    smtp_port: data.smtpHost ? data.smtpPort : null,
    smtp_security: data.smtpSecurity,
    smtp_user: data.smtpHost ? (data.smtpUser ?? null) : null,
    updated_at: now,
  }
  if (data.imapPassword) row.imap_secret = sealSecret(data.imapPassword)
  if (!onServer) row.imap_secret = null
  if (data.smtpPassword) row.smtp_secret = sealSecret(data.smtpPassword)
  if (!data.smtpHost) row.smtp_secret = null
  try {
    if (current) {
      await db
        .from('mail_mailboxes')
        .where({ organization_id: organizationId, id: current.id })
        .update(row)
      return Number(current.id)
    }
    return await insertId(db.connection(), 'mail_mailboxes', {
      ...row,
      organization_id: organizationId,
      created_at: now,
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError(`${T}.validator.name_taken`, {}, 'name')
    throw error
  }
}
