/** Shapes the compose and templates pages receive (type-only). */

export interface MailTemplateDto {
  id: number
  name: string
  subject: string
  body: string
}

/** A document of the record the mail is written from, offered as an attachment. */
export interface RecordDocumentDto {
  id: number
  name: string
  size: number
  typeLabel: string
}

export interface ComposePageProps {
  record: { type: string; id: number; name: string; href: string; key: string }
  mailboxes: { id: number; name: string; address: string }[]
  recipients: { name: string; email: string }[]
  templates: MailTemplateDto[]
  /** Merge field → value for this record and user (both Spanish names and English aliases). */
  mergeValues: Record<string, string>
  fields: { name: string; alias: string }[]
  /** Attachments: at most `files` files and `bytes` bytes in all (record documents included). */
  limits: { files: number; bytes: number }
  /** The record's documents the user may attach. */
  documents: RecordDocumentDto[]
  draft: {
    replyToMessageId: number | null
    mode: 'new' | 'reply' | 'reply_all' | 'forward'
    to: string[]
    cc: string[]
    subject: string
    body: string
  }
}

export interface OutboxRowDto {
  id: number
  subject: string
  to: string[]
  /** `retrying`: an attempt failed and the job will try again (of `maxAttempts`). */
  status: 'queued' | 'retrying' | 'sent' | 'failed'
  attempts: number
  maxAttempts: number
  /** Why the last attempt failed, in the reader's language, with the server's own words. */
  error: string | null
  recordHref: string | null
  createdAt: string
}
