/*
 * Type-only shapes of the mailbox form (create / edit) and its connection tests, imported with
 * `import type` by the controller and the pages. Passwords never travel to the page: only
 * whether one is stored.
 */

export type MailboxKindDto = 'shared' | 'personal' | 'archive'
export type PrivacyDto = 'metadata' | 'subject' | 'full'
export type SecurityDto = 'tls' | 'starttls' | 'none'

export interface MailboxFormValues {
  id: number
  name: string
  address: string | null
  kind: MailboxKindDto
  ownerUserId: number | null
  teamId: number | null
  privacy: PrivacyDto
  enabled: boolean
  imapHost: string | null
  imapPort: number | null
  imapSecurity: SecurityDto
  imapUser: string | null
  /** A password is stored (blank in the form keeps it). */
  imapPasswordStored: boolean
  folders: string[]
  smtpHost: string | null
  smtpPort: number | null
  smtpSecurity: SecurityDto
  smtpUser: string | null
  smtpPasswordStored: boolean
}

export interface MailboxFormOption {
  value: string
  label: string
}

export interface MailboxFormOptions {
  users: MailboxFormOption[]
  teams: MailboxFormOption[]
}

/** What "Probar conexión" answers, with its message already translated. */
export interface ConnectionTestDto {
  ok: boolean
  code: string | null
  message: string
  folders?: string[]
}
