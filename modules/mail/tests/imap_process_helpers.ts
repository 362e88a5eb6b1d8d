import { randomBytes } from 'node:crypto'
import { renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import { imapTestServer, type ImapAccount } from '#tests/helpers/dovecot'
import { sealSecret } from '../support/secrets.js'

/*
 * Helpers of the tests where other processes (workers, the web server, `node ace mail:sync`)
 * work on the test database: no global transaction, so what a test made is removed by hand.
 */

/**
 * An IMAP mailbox on the run's Dovecot, in clear text (the test server has no TLS); `columns`
 * adds or overrides columns (an address, say). Used by every IMAP test.
 */
export async function imapMailbox(
  organizationId: number,
  account: ImapAccount,
  name = 'ventas',
  columns: Record<string, unknown> = {}
) {
  const server = imapTestServer()
  const [row] = await db
    .table('mail_mailboxes')
    .returning('id')
    .insert({
      organization_id: organizationId,
      name,
      kind: 'shared',
      privacy: 'full',
      imap_host: server.host,
      imap_port: server.port,
      imap_security: 'none',
      imap_user: account.user,
      imap_secret: sealSecret(account.password),
      created_at: '2026-12-01 00:00:00',
      updated_at: '2026-12-01 00:00:00',
      ...columns,
    })
  return Number(typeof row === 'object' ? row.id : row)
}

/**
 * The organization's mail, so no later worker sees its mailbox, then the organization. Best
 * effort: CRM rows (another module's tables) stay, and with them the organization; the run's
 * database is dropped at the end.
 */
export async function removeOrganization(organizationId: number) {
  const messages = db.from('mail_messages').where('organization_id', organizationId).select('id')
  await db.from('mail_message_links').whereIn('message_id', messages).delete()
  for (const table of [
    'mail_intake',
    'mail_folders',
    'mail_mailboxes',
    'mail_messages',
    'mail_threads',
    'timeline_events',
    'module_installations',
  ]) {
    await db.from(table).where('organization_id', organizationId).delete()
  }
  await db
    .from('organizations')
    .where('id', organizationId)
    .delete()
    .catch(() => {})
}

/** Delivers a message as a mail server's local delivery does: into tmp/, renamed into new/. */
export function deliverToMaildir(account: ImapAccount, raw: string) {
  const root = join(process.env.DOVECOT_MAIL_DIR!, account.user, 'Maildir')
  const name = `${Date.now()}.${process.pid}_${randomBytes(4).toString('hex')}.cartera`
  writeFileSync(join(root, 'tmp', name), raw)
  renameSync(join(root, 'tmp', name), join(root, 'new', name))
}
