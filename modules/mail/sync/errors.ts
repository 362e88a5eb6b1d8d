/** Why a sync failed, in a few words a manager understands (stored in mail_mailboxes.last_error). */
export type SyncFailure =
  'auth' | 'tls' | 'unreachable' | 'timeout' | 'folder' | 'not_configured' | 'other'

/** Plain words per failure, Spanish first (the product's language): shown as is by mail:status. */
const WORDS: Record<SyncFailure, string> = {
  auth: 'Fallo de autenticación: el servidor rechazó el usuario o la contraseña.',
  tls: 'Error de TLS: el certificado del servidor no es válido o la conexión segura falló.',
  unreachable: 'Servidor inalcanzable: no se encontró el servidor o rechazó la conexión.',
  timeout: 'Tiempo agotado: el servidor dejó de responder.',
  folder: 'Carpeta no encontrada en el servidor.',
  not_configured: 'Buzón sin servidor IMAP o sin usuario configurado.',
  other: 'Error de sincronización',
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
  'ClosedAfterConnectTLS',
  'STARTTLS_INJECTION',
])
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
])
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT'])

/** Sorts an imapflow / socket / TLS error into a failure kind. */
export function failureOf(error: unknown): SyncFailure {
  const e = error as {
    code?: string
    authenticationFailed?: boolean
    serverResponseCode?: string
    message?: string
    mailboxMissing?: boolean
    tlsFailed?: boolean
  }
  if (e?.message === 'imap_not_configured') return 'not_configured'
  if (e?.authenticationFailed || e?.serverResponseCode === 'AUTHENTICATIONFAILED') return 'auth'
  const code = e?.code ?? ''
  // imapflow: STARTTLS required but not offered, or a failed upgrade.
  if (e?.tlsFailed) return 'tls'
  if (TLS_CODES.has(code) || /certificate|CERT_|SSL|TLS/i.test(code)) return 'tls'
  if (UNREACHABLE_CODES.has(code)) return 'unreachable'
  if (TIMEOUT_CODES.has(code) || code === 'UPGRADE_TIMEOUT') return 'timeout'
  if (code === 'NotFound' || e?.serverResponseCode === 'NONEXISTENT' || e?.mailboxMissing)
    return 'folder'
  if (/certificate|self[- ]signed/i.test(e?.message ?? '')) return 'tls'
  return 'other'
}

/** The plain words stored as the mailbox's last error (with the server's detail for "other"). */
export function describeFailure(error: unknown, folder?: string): string {
  const kind = failureOf(error)
  const words = WORDS[kind]
  if (kind === 'folder' && folder) return `${words} (${folder})`
  if (kind !== 'other') return words
  const detail = String((error as Error)?.message ?? error).slice(0, 300)
  return `${words}: ${detail}`
}

/**
 * What `last_error` adds to the plain words of its kind (the server's message of "other", the
 * folder of "folder"), so a page can say the words in the reader's language and keep it.
 */
export function failureDetail(kind: string | null, lastError: string | null): string | null {
  if (!kind || !lastError || !(kind in WORDS)) return null
  const words = WORDS[kind as SyncFailure]
  if (kind === 'other' && lastError.startsWith(`${words}: `))
    return lastError.slice(words.length + 2)
  if (kind === 'folder' && lastError.startsWith(`${words} (`))
    return lastError.slice(words.length + 2, -1)
  return null
}
