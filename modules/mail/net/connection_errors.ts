import { HostRefused } from './host_guard.js'

/** What "Probar conexión" answers when it fails (labels under mail.mailboxes_admin.test.*). */
export const CONNECTION_CODES = [
  'host_not_found',
  'unreachable',
  'timeout',
  'tls_error',
  'certificate',
  'auth_failed',
  'private_host',
  'unknown',
] as const
export type ConnectionCode = (typeof CONNECTION_CODES)[number]

/** Which certificate problem: shown to the user, never bypassed. */
export type CertificateProblem = 'self_signed' | 'expired' | 'hostname' | 'untrusted'

export interface ConnectionProblem {
  code: ConnectionCode
  detail?: CertificateProblem
  /** The library's own message, for `unknown` (and the log). */
  message?: string
}

const CERTIFICATE: [RegExp, CertificateProblem][] = [
  [/SELF_SIGNED|self[- ]signed/i, 'self_signed'],
  [/CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|certificate has expired|not yet valid/i, 'expired'],
  [/ALTNAME|altnames|does not match certificate|hostname mismatch/i, 'hostname'],
  [
    /UNABLE_TO_(VERIFY|GET_ISSUER)|CERT_UNTRUSTED|CERT_REJECTED|unable to verify|issuer/i,
    'untrusted',
  ],
]

/** The codes and messages of an error and of what it wraps (nodemailer rewrites `code`). */
function describe(error: unknown): { codes: string[]; text: string } {
  const codes: string[] = []
  const texts: string[] = []
  let current = error as any
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string') codes.push(current.code)
    if (typeof current.serverResponseCode === 'string') codes.push(current.serverResponseCode)
    if (typeof current.message === 'string') texts.push(current.message)
    current = current.cause ?? current._err
  }
  return { codes, text: texts.join(' | ') }
}

/**
 * Maps an imapflow / nodemailer / Node error to a code the form explains in plain words
 * ("La contraseña o el usuario no son correctos", "El servidor no responde"…).
 */
export function connectionProblem(error: unknown): ConnectionProblem {
  if (error instanceof HostRefused) return { code: error.code }
  const { codes, text } = describe(error)
  const all = `${codes.join(' ')} ${text}`
  const has = (...wanted: string[]) => wanted.some((c) => codes.includes(c) || text.includes(c))
  if ((error as any)?.authenticationFailed || has('EAUTH', 'AUTHENTICATIONFAILED'))
    return { code: 'auth_failed' }
  for (const [pattern, detail] of CERTIFICATE)
    if (pattern.test(all)) return { code: 'certificate', detail }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EDNS')) return { code: 'host_not_found' }
  if (has('ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN'))
    return { code: 'unreachable' }
  if (has('CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT', 'Greeting never'))
    return { code: 'timeout' }
  if (has('ETIMEDOUT')) return { code: 'unreachable' }
  if (
    has('ETLS', 'EPROTO', 'ClosedAfterConnectTLS', 'ERR_SSL_WRONG_VERSION_NUMBER') ||
    /ERR_SSL|ERR_TLS|SSL routines|TLS/i.test(all)
  )
    return { code: 'tls_error' }
  return { code: 'unknown', message: text.slice(0, 300) || String(error) }
}
