import db from '@adonisjs/lucid/services/db'
import { mailboxLedgers } from '../ledger.js'
import type { MailboxRowDto } from '../dto/mailboxes.js'

/** Every mailbox of the organization with its ledger, health and address, by name. */
export async function mailboxList(organizationId: number): Promise<MailboxRowDto[]> {
  const [ledgers, addresses] = await Promise.all([
    mailboxLedgers(organizationId),
    db.from('mail_mailboxes').where('organization_id', organizationId).select('id', 'address'),
  ])
  const addressOf = new Map(addresses.map((r) => [Number(r.id), r.address as string | null]))
  return ledgers.map((m) => ({
    id: m.id,
    name: m.name,
    kind: m.kind as MailboxRowDto['kind'],
    address: addressOf.get(m.id) ?? null,
    lastSyncAt: m.lastSyncAt,
    lastError: m.lastError,
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
