import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp, toIso } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { notFound } from '#app/support/http'
import { RuleError } from '#app/support/rule_error'
import { messageAccess } from '../access/visibility.js'
import type { FolderMessage, LabelRow } from '../dto/folders.js'

/** A user's own folders (labels), by name, with how many messages each holds. */
export async function listLabels(access: AccessContext): Promise<LabelRow[]> {
  const rows = await db
    .from('mail_labels as l')
    .leftJoin('mail_message_labels as ml', 'ml.label_id', 'l.id')
    .where({ 'l.organization_id': access.organizationId, 'l.user_id': access.userId })
    .groupBy('l.id', 'l.name')
    .orderBy('l.name')
    .select('l.id', 'l.name')
    .count('ml.message_id as total')
  return rows.map((r) => ({ id: Number(r.id), name: r.name, count: Number(r.total) }))
}

/** One of the user's labels, or 404 (another user's folder does not exist for them). */
export async function ownLabel(access: AccessContext, id: number) {
  const row = await db
    .from('mail_labels')
    .where({ organization_id: access.organizationId, user_id: access.userId, id })
    .first()
  if (!row) notFound()
  return row
}

async function assertFreeName(access: AccessContext, name: string, except?: number) {
  const same = await db
    .from('mail_labels')
    .where({ organization_id: access.organizationId, user_id: access.userId, name })
    .if(except, (q) => q.whereNot('id', except!))
    .first()
  if (same) throw new RuleError('mail.folders.errors.name', {}, 'name')
}

export async function createLabel(access: AccessContext, name: string): Promise<number> {
  await assertFreeName(access, name)
  return insertId(db.connection(), 'mail_labels', {
    organization_id: access.organizationId,
    user_id: access.userId,
    name,
    created_at: dbTimestamp(),
  })
}

export async function renameLabel(access: AccessContext, id: number, name: string) {
  await ownLabel(access, id)
  await assertFreeName(access, name, id)
  await db.from('mail_labels').where('id', id).update({ name })
}

export async function deleteLabel(access: AccessContext, id: number) {
  await ownLabel(access, id)
  await db.transaction(async (trx) => {
    await trx.from('mail_message_labels').where('label_id', id).delete()
    await trx.from('mail_labels').where('id', id).delete()
  })
}

/** Files a message the user may open in one of their folders, or takes it out. */
export async function fileMessage(
  access: AccessContext,
  id: number,
  messageId: number,
  filed: boolean
) {
  await ownLabel(access, id)
  if (!(await messageAccess(access, messageId))) notFound()
  const row = { label_id: id, message_id: messageId }
  const there = await db.from('mail_message_labels').where(row).first()
  if (filed && !there) await db.table('mail_message_labels').insert(row)
  if (!filed && there) await db.from('mail_message_labels').where(row).delete()
}

/** The messages of a folder the user may still open, newest first (at most 200). */
export async function labelMessages(access: AccessContext, id: number): Promise<FolderMessage[]> {
  await ownLabel(access, id)
  const rows = await db
    .from('mail_message_labels as ml')
    .join('mail_messages as m', 'm.id', 'ml.message_id')
    .where('ml.label_id', id)
    .where('m.organization_id', access.organizationId)
    .orderBy('m.sent_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(200)
    .select('m.id', 'm.subject', 'm.from_address', 'm.from_name', 'm.sent_at')
  const out: FolderMessage[] = []
  for (const r of rows) {
    const level = (await messageAccess(access, Number(r.id)))?.level
    if (!level) continue
    out.push({
      id: Number(r.id),
      subject: level === 'metadata' ? null : r.subject,
      fromAddress: r.from_address,
      fromName: r.from_name,
      sentAt: toIso(r.sent_at),
    })
  }
  return out
}

/** The user's folders with whether the message is filed in each (the message page's menu). */
export async function labelsOfMessage(access: AccessContext, messageId: number) {
  const labels = await listLabels(access)
  const filed = await db
    .from('mail_message_labels')
    .where('message_id', messageId)
    .whereIn(
      'label_id',
      labels.map((l) => l.id)
    )
    .select('label_id')
  const ids = new Set(filed.map((f) => Number(f.label_id)))
  return labels.map((l) => ({ id: l.id, name: l.name, filed: ids.has(l.id) }))
}
