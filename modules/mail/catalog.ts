/** The mail module's fixed vocabularies (labels in lang/{es,en}.json under mail.*). */

export const MAILBOX_KINDS = ['shared', 'personal', 'archive'] as const
export type MailboxKind = (typeof MAILBOX_KINDS)[number]

/** What people other than the mailbox's owner see of its mail. */
export const PRIVACY_LEVELS = ['metadata', 'subject', 'full'] as const
export type Privacy = (typeof PRIVACY_LEVELS)[number]

export const SECURITY_MODES = ['tls', 'starttls', 'none'] as const

/** Why a message is on a record ("enlazado por References"). */
export const LINK_REASONS = [
  'token',
  'in_reply_to',
  'references',
  'subject',
  'participant',
  'domain',
  'thread',
  'manual',
  'rule',
  'sent',
] as const
export type LinkReason = (typeof LINK_REASONS)[number]

/** The folder an archive mailbox keeps its imported mail in. */
export const ARCHIVE_FOLDER = 'ARCHIVO'

/** Record types mail links to (the CRM's). */
export const RECORD_TYPES = ['crm.contact', 'crm.company', 'crm.lead', 'crm.opportunity'] as const

/** Days within which a reply found by subject must share participants with its thread. */
export const SUBJECT_THREAD_DAYS = 30
