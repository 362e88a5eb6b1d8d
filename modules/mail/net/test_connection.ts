import { ImapFlow } from 'imapflow'
import nodemailer from 'nodemailer'
import { guardHost } from './host_guard.js'
import { connectionProblem, type ConnectionProblem } from './connection_errors.js'

/*
 * "Probar conexión" and "Probar envío": one login to the mailbox's IMAP server (listing its
 * folders) or one SMTP handshake with `verify()`. Both go through the SSRF guard and connect to
 * the checked address, with the host name kept for the certificate check. Certificates are
 * always verified: a problem is reported, never skipped.
 */

export type Security = 'tls' | 'starttls' | 'none'

export interface ServerSettings {
  host: string
  port: number
  security: Security
  user: string | null
  password: string | null
}

export type ConnectionResult =
  { ok: true; folders?: string[] } | ({ ok: false } & ConnectionProblem)

/** Seconds a test waits for the server before saying it does not answer. */
const TIMEOUT_MS = 10_000

/** Logs in to the IMAP server and lists its folders (LIST), changing nothing. */
export async function testImap(settings: ServerSettings): Promise<ConnectionResult> {
  let client: ImapFlow | null = null
  try {
    const target = await guardHost(settings.host)
    client = new ImapFlow({
      host: target.address,
      servername: target.servername,
      port: settings.port,
      secure: settings.security === 'tls',
      doSTARTTLS:
        settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
      auth: { user: settings.user ?? '', pass: settings.password ?? '' },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS * 3,
    })
    // A late socket error after a failed connect must not crash the process.
    client.on('error', () => {})
    await client.connect()
    const folders = (await client.list()).map((f) => f.path).sort(byInboxFirst)
    await client.logout().catch(() => {})
    return { ok: true, folders }
  } catch (error) {
    client?.close()
    return { ok: false, ...connectionProblem(error) }
  }
}

/** Opens an SMTP session and authenticates (nodemailer `verify()`), sending nothing. */
export async function testSmtp(settings: ServerSettings): Promise<ConnectionResult> {
  let transport: ReturnType<typeof nodemailer.createTransport> | null = null
  try {
    const target = await guardHost(settings.host)
    transport = nodemailer.createTransport({
      host: target.address,
      port: settings.port,
      secure: settings.security === 'tls',
      requireTLS: settings.security === 'starttls',
      ignoreTLS: settings.security === 'none',
      auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
      tls: target.servername ? { servername: target.servername } : {},
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS * 3,
    })
    await transport.verify()
    return { ok: true }
  } catch (error) {
    return { ok: false, ...connectionProblem(error) }
  } finally {
    transport?.close()
  }
}

function byInboxFirst(a: string, b: string): number {
  if (a.toUpperCase() === 'INBOX') return -1
  if (b.toUpperCase() === 'INBOX') return 1
  return a.localeCompare(b)
}
