/*
 * Type-only shapes of the mailbox list page (ARCHITECTURE §10): imported with `import type` by
 * the controller and the page.
 */

/** What became of what a folder (or a whole mailbox) offered: the reconciliation ledger. */
export interface LedgerCountsDto {
  onServer: number
  stored: number
  skipped: number
  failed: number
  missing: number
}

export interface FolderRowDto extends LedgerCountsDto {
  id: number
  path: string
  lastSyncAt: string | null
}

/** One mailbox of "Buzones" with its health (ok · warning: failures · error · never synced). */
export interface MailboxRowDto extends LedgerCountsDto {
  id: number
  name: string
  kind: 'shared' | 'personal' | 'archive'
  address: string | null
  /** An IMAP mailbox (else archive-only): it can be synced now and re-fetched. */
  imap: boolean
  /** An IMAP IDLE watcher holds a connection: new mail is synced within seconds (else polled). */
  realtime: boolean
  /** A sync is running: messages fetched of those to fetch. */
  syncing: { done: number; total: number } | null
  lastSyncAt: string | null
  lastError: string | null
  health: 'ok' | 'warning' | 'error' | 'never'
  folders: FolderRowDto[]
}
