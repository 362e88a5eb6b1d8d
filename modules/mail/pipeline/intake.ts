import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTimestamp } from '#app/support/dates'
import type { MailboxContext } from './mailbox_context.js'
import type { IntakeTarget } from './types.js'

export async function intakeExists(folderId: number, itemKey: string): Promise<boolean> {
  return !!(await db
    .from('mail_intake')
    .where({ folder_id: folderId, item_key: itemKey })
    .select('id')
    .first())
}

/**
 * The ledger row of an offered item. Its unique key (folder, item) is the last guard against
 * storing twice: a concurrent run that got there first makes this insert fail, and the
 * caller's transaction rolls back.
 */
export async function recordIntake(
  mailbox: MailboxContext,
  target: IntakeTarget,
  row: {
    outcome: 'stored' | 'skipped' | 'failed'
    messageId?: number | null
    ruleId?: number | null
    reason?: string | null
  },
  trx?: TransactionClientContract
) {
  const now = dbTimestamp()
  await (trx ?? db).table('mail_intake').insert({
    organization_id: mailbox.organizationId,
    mailbox_id: mailbox.mailboxId,
    folder_id: target.folderId,
    item_key: target.itemKey,
    uid: target.uid ?? null,
    uid_validity: target.uidValidity ?? null,
    message_id: row.messageId ?? null,
    outcome: row.outcome,
    rule_id: row.ruleId ?? null,
    reason: row.reason ? row.reason.slice(0, 500) : null,
    created_at: now,
    updated_at: now,
  })
}

/** Whether an error is a unique-key violation (SQLite, MySQL/MariaDB, MS SQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; message?: string }
  return (
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'ER_DUP_ENTRY' ||
    e?.errno === 1062 ||
    e?.errno === 2627 ||
    e?.errno === 2601 ||
    /UNIQUE constraint failed|Duplicate entry/i.test(e?.message ?? '')
  )
}
