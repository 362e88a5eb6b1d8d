/** Type-only shapes of the triage inbox, rules admin and personal folders (pages import these). */

export interface TriageMessage {
  id: number
  /** Null when the holding mailboxes show metadata only. */
  subject: string | null
  /** Could not be parsed: kept as it came (raw) and flagged. */
  unreadable: boolean
  snippet: string | null
  fromAddress: string | null
  fromName: string | null
  sentAt: string
  assignedUserId: number | null
  /** Tags capture rules put on it, as stored (lower case, not translated). */
  tags: string[]
}

export interface UserOption {
  value: string
  label: string
}

export interface TriagePage {
  messages: TriageMessage[]
  /** Cursor of the next (older) page, or null at the end. */
  nextBefore: number | null
  users: UserOption[]
  /** Every tag rules have put on the organization's mail (the filter's choices). */
  tags: string[]
  /** The tag the list is filtered by, if any. */
  tag: string | null
  can: { manage: boolean; edit: boolean; createContact: boolean }
}

/** What the message page's action bar (message_actions.tsx) needs. */
export interface MessageActionsProps {
  messageId: number
  spam: boolean
  assignedUserId: number | null
  canEdit: boolean
  canAssign: boolean
  users: UserOption[]
  labels: { id: number; name: string; filed: boolean }[]
}
