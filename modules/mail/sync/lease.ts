import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { mailConfig } from '../config.js'

/**
 * How long a sync may hold a mailbox without renewing (it renews after each batch): 5 minutes
 * unless MAIL_SYNC_LEASE_SECONDS says otherwise. A holder killed mid-sync (kill -9, power cut)
 * never gives its lease back: the next sync takes the mailbox once this much time has passed.
 */
export const leaseMs = () => mailConfig.syncLeaseMs

/** Rows an UPDATE changed, as each driver reports it. */
const changed = (result: unknown): number => Number(Array.isArray(result) ? result[0] : result) || 0

/** A name for this run's hold on a mailbox: host, process and a random part (≤ 80 chars). */
export function newHolder(): string {
  return `${hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(0, 8)}`
}

/**
 * Takes the mailbox's sync lease with ONE conditional UPDATE: of two processes or workers
 * racing for it, the database lets exactly one change the row. False: another sync holds it.
 */
export async function takeLease(mailboxId: number, holder: string): Promise<boolean> {
  const now = new Date()
  const result = await db
    .from('mail_mailboxes')
    .where('id', mailboxId)
    .where((q) => q.whereNull('sync_until').orWhere('sync_until', '<', dbTimestamp(now)))
    .update({
      sync_holder: holder,
      sync_until: dbTimestamp(new Date(now.getTime() + leaseMs())),
    })
  return changed(result) === 1
}

/** Extends the lease while this holder still has it; false when it was lost (expired and taken). */
export async function renewLease(mailboxId: number, holder: string): Promise<boolean> {
  const result = await db
    .from('mail_mailboxes')
    .where({ id: mailboxId, sync_holder: holder })
    .update({ sync_until: dbTimestamp(new Date(Date.now() + leaseMs())) })
  return changed(result) === 1
}

/** Gives the lease back (only if this holder still has it). */
export async function releaseLease(mailboxId: number, holder: string): Promise<void> {
  await db
    .from('mail_mailboxes')
    .where({ id: mailboxId, sync_holder: holder })
    .update({ sync_holder: null, sync_until: null })
}
