import type { LinkChoice } from './link.js'

/** Messages up to this size are fetched several per FETCH and parsed from memory. */
export const SMALL_MESSAGE = 256 * 1024

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
