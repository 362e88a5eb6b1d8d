import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { isUniqueViolation } from '../pipeline/intake.js'

/** A mailbox by name, or a new archive-only one of that name (`created` says which). */
export async function archiveMailbox(
  organizationId: number,
  name: string
): Promise<{ id: number; created: boolean }> {
  const find = () =>
    db.from('mail_mailboxes').where({ organization_id: organizationId, name }).select('id').first()
  const row = await find()
  if (row) return { id: Number(row.id), created: false }
  const now = dbTimestamp()
  try {
    const id = await insertId(db.connection(), 'mail_mailboxes', {
      organization_id: organizationId,
      name,
      kind: 'archive',
      privacy: 'full',
      enabled: true,
      created_at: now,
      updated_at: now,
    })
    return { id, created: true }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return { id: Number((await find())!.id), created: false }
  }
}

/** A mailbox's folder row by path, created on first use. */
export async function folderOf(
  organizationId: number,
  mailboxId: number,
  path: string
): Promise<number> {
  const find = () =>
    db.from('mail_folders').where({ mailbox_id: mailboxId, path }).select('id').first()
  const row = await find()
  if (row) return Number(row.id)
  const now = dbTimestamp()
  try {
    return await insertId(db.connection(), 'mail_folders', {
      organization_id: organizationId,
      mailbox_id: mailboxId,
      path,
      created_at: now,
      updated_at: now,
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return Number((await find())!.id)
  }
}
