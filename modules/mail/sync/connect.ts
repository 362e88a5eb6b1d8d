import { ImapFlow } from 'imapflow'
import { openSecret } from '../support/secrets.js'
import { guardHost } from '../net/host_guard.js'

/** The IMAP settings of a mail_mailboxes row. */
export interface ImapSettings {
  imap_host: string | null
  imap_port: number | string | null
  imap_security: string | null
  imap_user: string | null
  imap_secret: string | null
}

/** Inactivity after which a silent server counts as gone (ms). */
const SOCKET_TIMEOUT = 60_000
const CONNECT_TIMEOUT = 20_000

/**
 * An ImapFlow client (not yet connected) for a mailbox: `tls` opens TLS at once, `starttls`
 * must upgrade (never falls back to clear text), `none` stays in clear text. Certificates are
 * verified (Node's default): a certificate error is reported, never ignored. Auto-IDLE is off:
 * the sync polls on a schedule and logs out when done.
 */
export function imapClient(row: ImapSettings, servername?: string): ImapFlow {
  if (!row.imap_host || !row.imap_user) throw new Error('imap_not_configured')
  const security = row.imap_security ?? 'tls'
  const client = new ImapFlow({
    host: row.imap_host,
    port: Number(row.imap_port) || (security === 'tls' ? 993 : 143),
    secure: security === 'tls',
    doSTARTTLS: security === 'starttls',
    auth: { user: row.imap_user, pass: openSecret(row.imap_secret) ?? '' },
    logger: false,
    disableAutoIdle: true,
    socketTimeout: SOCKET_TIMEOUT,
    connectionTimeout: CONNECT_TIMEOUT,
    greetingTimeout: CONNECT_TIMEOUT,
    // Connecting to the checked address, the certificate is still checked against the name.
    ...(servername && { tls: { servername } }),
  })
  // A socket error after connect is also thrown by the command in flight; without a listener
  // the 'error' event would crash the process.
  client.on('error', () => {})
  return client
}

/** Connects a client for the mailbox row; the caller logs out (see closeClient). */
export async function connectImap(row: ImapSettings): Promise<ImapFlow> {
  if (!row.imap_host) throw new Error('imap_not_configured')
  // The SSRF guard on every connection: a name that now resolves to a private range is refused.
  const guarded = await guardHost(row.imap_host)
  const client = imapClient({ ...row, imap_host: guarded.address }, guarded.servername)
  await client.connect()
  return client
}

/** Logs out politely, or drops the socket when the server is gone. */
export async function closeClient(client: ImapFlow): Promise<void> {
  try {
    if (client.usable) await client.logout()
    else client.close()
  } catch {
    client.close()
  }
}
