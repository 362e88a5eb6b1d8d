import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { notFound } from '#app/support/http'
import { composeSourceOf, recordCards, type RecordCard } from '#modules/crm/contracts/index'
import { RECORD_TYPES } from '../catalog.js'
import { mergeValues, type MergeValues } from './merge.js'

/** `crm.contact:12` → the record, or null when it is not one. */
export function parseRecord(value: unknown): { type: string; id: number } | null {
  const match = /^(crm\.[a-z]+):(\d{1,10})$/.exec(String(value ?? ''))
  if (!match || !(RECORD_TYPES as readonly string[]).includes(match[1])) return null
  return { type: match[1], id: Number(match[2]) }
}

/** The record if the user may see it; otherwise 404 (out of scope answers like missing). */
export async function visibleRecord(
  access: AccessContext,
  ref: { type: string; id: number } | null
): Promise<RecordCard> {
  if (!ref) notFound()
  const [card] = await recordCards(access.organizationId, [ref], access)
  if (!card) notFound()
  return card
}

/** The merge values and recipients of a record, for the user who writes. */
export async function recordMergeData(
  organizationId: number,
  ref: { type: string; id: number },
  userId: number
): Promise<{ values: MergeValues; recipients: { name: string; email: string }[] }> {
  const source = await composeSourceOf(organizationId, ref)
  if (!source) notFound()
  const user = await db.from('users').where('id', userId).select('full_name', 'email').first()
  return {
    values: mergeValues(source, { fullName: user?.full_name ?? null, email: user?.email ?? '' }),
    recipients: source.recipients,
  }
}

/**
 * Mailboxes the user may send from: the organization's shared ones and the user's own
 * personal one, each with an address (archive mailboxes never send).
 */
export async function sendingMailboxes(organizationId: number, userId: number) {
  const rows = await db
    .from('mail_mailboxes')
    .where('organization_id', organizationId)
    .whereNotNull('address')
    .where('enabled', true)
    .where((q) =>
      q
        .where('kind', 'shared')
        .orWhere((p) => p.where('kind', 'personal').where('owner_user_id', userId))
    )
    .orderBy('name')
    .select('id', 'name', 'address', 'kind')
  // The user's own mailbox first.
  return rows
    .sort((a, b) => Number(b.kind === 'personal') - Number(a.kind === 'personal'))
    .map((r) => ({ id: Number(r.id), name: String(r.name), address: String(r.address) }))
}
