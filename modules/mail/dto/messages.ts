/*
 * Type-only shapes of the message view (ARCHITECTURE §10): imported with `import type` by the
 * controller and the page.
 */

/** How much of a message the reader sees: who/when, the subject too, or everything. */
export type ContentLevelDto = 'metadata' | 'subject' | 'full'

export interface AddressDto {
  name: string | null
  address: string | null
}

/** A record the message is linked to, and why (`reason` is one of the catalog's LINK_REASONS). */
export interface MessageLinkDto {
  type: string
  id: number
  name: string
  href: string
  reason: string
  detail: string | null
}

/** Another message of the same thread the reader may open. */
export interface ThreadItemDto {
  id: number
  from: AddressDto
  sentAt: string | null
  /** Null when the reader may not see that message's subject. */
  subject: string | null
}

export interface AttachmentDto {
  id: number
  filename: string
  contentType: string
  size: number
  href: string | null
}

/** The content (full level only): sanitised HTML and/or plain text. */
export interface MessageBodyDto {
  /** Sanitised at storage; remote images as data-remote-src, inline ones as data-cid. */
  html: string | null
  /** The plain text, sent only when there is no HTML. */
  text: string | null
  hasRemoteContent: boolean
  /** Content-ID of each inline image → its download URL. */
  inline: Record<string, string>
}

export interface MessageViewDto {
  id: number
  level: ContentLevelDto
  direction: 'in' | 'out'
  /** Null below the "subject" level. */
  subject: string | null
  from: AddressDto
  to: AddressDto[]
  cc: AddressDto[]
  sentAt: string | null
  /** Names of the mailboxes that captured it ("Visto en: ventas, ana"). */
  seenIn: string[]
  /** Tags capture rules put on it, as stored (empty below the subject level). */
  tags: string[]
  links: MessageLinkDto[]
  thread: ThreadItemDto[]
  attachments: AttachmentDto[]
  body: MessageBodyDto | null
  spam: { reason: string | null } | null
  /**
   * Set when the message could not be parsed and was kept as it came (raw): why, as a code
   * (`mail.message.parse_errors.<code>`), and mailparser's own words (full content level only).
   */
  unreadable: { code: 'no_headers' | 'too_complex' | 'malformed'; detail: string | null } | null
}
