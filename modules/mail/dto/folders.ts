/** A user's personal folder (label) and how many messages it holds. */
export interface LabelRow {
  id: number
  name: string
  count: number
}

export interface FolderMessage {
  id: number
  /** Null when the holding mailboxes show metadata only. */
  subject: string | null
  fromAddress: string | null
  fromName: string | null
  sentAt: string
}

export interface FoldersPage {
  labels: LabelRow[]
  /** The open folder and its messages, or null on the folders list. */
  current: { id: number; name: string; messages: FolderMessage[] } | null
}
