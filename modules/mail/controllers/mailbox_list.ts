import db from '@adonisjs/lucid/services/db'
import { watchedInRealTime } from '../sync/idle.js'
import { mailboxLedgers } from '../ledger.js'
import { failureDetail } from '../sync/errors.js'
import type { MailboxRowDto } from '../dto/mailboxes.js'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** The last sync error in the reader's language (the stored Spanish words without a code). */
function lastErrorIn(
  m: { lastError: string | null; lastErrorCode: string | null },
  t: Translate | undefined
) {
  if (!m.lastError || !m.lastErrorCode || !t) return m.lastError
  const detail = failureDetail(m.lastErrorCode, m.lastError)
  return t(`mail.mailboxes.sync_errors.${m.lastErrorCode}`, { detail: detail ?? '' }).trim()
}

/**
 * Every mailbox of the organization with its ledger, health and address, by name; `t` puts
 * the last sync error in the reader's language.
 */
export async function mailboxList(organizationId: number, t?: Translate): Promise<MailboxRowDto[]> {
  const [ledgers, addresses] = await Promise.all([
    mailboxLedgers(organizationId),
    db
      .from('mail_mailboxes')
      .where('organization_id', organizationId)
      .select('id', 'address', 'imap_host', 'sync_until', 'idle_state', 'idle_at'),
  ])
  const addressOf = new Map(addresses.map((r) => [Number(r.id), r.address as string | null]))
  const rowOf = new Map(addresses.map((r) => [Number(r.id), r]))
  const progress = await db
    .from('mail_folders')
    .where('organization_id', organizationId)
    .groupBy('mailbox_id')
    .select('mailbox_id')
    .sum('progress_total as total')
    .sum('progress_done as done')
  const progressOf = new Map(progress.map((r) => [Number(r.mailbox_id), r]))
  const now = Date.now()
  return ledgers.map((m) => ({
    id: m.id,
    name: m.name,
    kind: m.kind as MailboxRowDto['kind'],
    address: addressOf.get(m.id) ?? null,
    imap: !!rowOf.get(m.id)?.imap_host,
    realtime: watchedInRealTime(rowOf.get(m.id) ?? {}, now),
    // A sync holds the mailbox's lease: its progress is the folders' done / total.
    syncing: (() => {
      const until = rowOf.get(m.id)?.sync_until
      if (!until || new Date(`${String(until).replace(' ', 'T')}Z`).getTime() < now) return null
      const p = progressOf.get(m.id)
      return { done: Number(p?.done ?? 0), total: Number(p?.total ?? 0) }
    })(),
    lastSyncAt: m.lastSyncAt,
    lastError: lastErrorIn(m, t),
    health: m.health,
    onServer: m.onServer,
    stored: m.stored,
    skipped: m.skipped,
    failed: m.failed,
    missing: m.missing,
    folders: m.folders.map((f) => ({
      id: f.id,
      path: f.path,
      lastSyncAt: f.lastSyncAt,
      onServer: f.onServer,
      stored: f.stored,
      skipped: f.skipped,
      failed: f.failed,
      missing: f.missing,
    })),
  }))
}
