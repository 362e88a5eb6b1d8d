import db from '@adonisjs/lucid/services/db'
import { toIso } from '#app/support/dates'

/** Counts of one folder (or a whole mailbox): nothing offered may go unaccounted for. */
export interface LedgerCounts {
  onServer: number
  stored: number
  skipped: number
  failed: number
  missing: number
}

export interface FolderLedger extends LedgerCounts {
  id: number
  path: string
  lastSyncAt: string | null
}

export interface MailboxLedger extends LedgerCounts {
  id: number
  name: string
  kind: string
  lastSyncAt: string | null
  lastError: string | null
  /** The kind of the last sync failure (auth, tls, unreachable…), for the reader's language. */
  lastErrorCode: string | null
  folders: FolderLedger[]
  /** ok: nothing missing or failed · warning: failures (kept raw) · error: missing mail or a sync error. */
  health: 'ok' | 'warning' | 'error' | 'never'
}

/**
 * The reconciliation ledger: per folder, messages on the server (IMAP STATUS at the last sync;
 * an archive: the distinct items offered), stored, skipped by a rule, failed, and missing
 * (on the server but in none of the others).
 */
export async function mailboxLedgers(
  organizationId: number,
  mailboxIds?: number[]
): Promise<MailboxLedger[]> {
  const mailboxes = await db
    .from('mail_mailboxes')
    .where('organization_id', organizationId)
    .if(mailboxIds, (q) => q.whereIn('id', mailboxIds!))
    .orderBy('name')
    .select('id', 'name', 'kind', 'last_sync_at', 'last_error', 'last_error_code')
  const folders = await db
    .from('mail_folders')
    .where('organization_id', organizationId)
    .whereIn(
      'mailbox_id',
      mailboxes.map((m) => m.id)
    )
    .orderBy('path')
    .select('id', 'mailbox_id', 'path', 'on_server', 'last_sync_at', 'uid_validity')
  const counts = await db
    .from('mail_intake')
    .where('organization_id', organizationId)
    .whereIn(
      'folder_id',
      folders.map((f) => f.id)
    )
    .groupBy('folder_id', 'outcome', 'uid_validity')
    .select('folder_id', 'outcome', 'uid_validity')
    .count('* as n')
  const byFolder = new Map<number, Record<string, number>>()
  for (const folder of folders) byFolder.set(Number(folder.id), {})
  for (const row of counts) {
    const folder = folders.find((f) => Number(f.id) === Number(row.folder_id))
    // Items of an older UIDVALIDITY are history: the server numbers its messages anew.
    if (
      folder?.uid_validity &&
      row.uid_validity &&
      String(row.uid_validity) !== String(folder.uid_validity)
    )
      continue
    const map = byFolder.get(Number(row.folder_id))!
    map[row.outcome] = (map[row.outcome] ?? 0) + Number(row.n)
  }
  return mailboxes.map((m) => {
    const own = folders
      .filter((f) => Number(f.mailbox_id) === Number(m.id))
      .map((f): FolderLedger => {
        const c = byFolder.get(Number(f.id)) ?? {}
        const stored = c.stored ?? 0
        const skipped = c.skipped ?? 0
        const failed = c.failed ?? 0
        const onServer = Number(f.on_server)
        return {
          id: Number(f.id),
          path: f.path,
          onServer,
          stored,
          skipped,
          failed,
          missing: Math.max(0, onServer - stored - skipped - failed),
          lastSyncAt: f.last_sync_at ? toIso(f.last_sync_at) : null,
        }
      })
    const sum = (key: keyof LedgerCounts) => own.reduce((s, f) => s + f[key], 0)
    const totals = {
      onServer: sum('onServer'),
      stored: sum('stored'),
      skipped: sum('skipped'),
      failed: sum('failed'),
      missing: sum('missing'),
    }
    const health: MailboxLedger['health'] = !m.last_sync_at
      ? 'never'
      : totals.missing || m.last_error
        ? 'error'
        : totals.failed
          ? 'warning'
          : 'ok'
    return {
      id: Number(m.id),
      name: m.name,
      kind: m.kind,
      lastSyncAt: m.last_sync_at ? toIso(m.last_sync_at) : null,
      lastError: m.last_error,
      lastErrorCode: m.last_error_code ?? null,
      folders: own,
      ...totals,
      health,
    }
  })
}
