import type { LinkChoice } from './link.js'

/** Where a message was offered: a folder of a mailbox and the item's key there. */
export interface IntakeTarget {
  folderId: number
  /** IMAP: `<uidValidity>:<uid>`; archive: the sha256 of the raw bytes. */
  itemKey: string
  uid?: number | null
  uidValidity?: number | null
}

/** What storing a message did. */
export interface StoreResult {
  outcome: 'stored' | 'duplicate' | 'known'
  messageId: number
  links: LinkChoice[]
  spam: boolean
  subject: string | null
  from: string | null
}
