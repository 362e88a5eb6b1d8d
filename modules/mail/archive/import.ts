import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { mboxReader } from 'mbox-reader'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { ingest, type IngestOutcome } from '../pipeline/ingest.js'
import { mailboxContext } from '../pipeline/mailbox_context.js'
import { ARCHIVE_FOLDER } from '../catalog.js'
import { archiveMailbox, folderOf } from './mailboxes.js'

export interface ArchiveImportResult {
  mailbox: string
  created: boolean
  offered: number
  stored: number
  duplicates: number
  known: number
  skipped: number
  failed: number
}

/** The raw messages of a path: a folder of .eml files (sorted by name) or one mbox file. */
async function* rawMessages(path: string): AsyncGenerator<Buffer> {
  const info = await stat(path)
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter((n) => /\.eml$/i.test(n)).sort()
    for (const name of names) yield await readFile(join(path, name))
    return
  }
  if (/\.eml$/i.test(path)) {
    yield await readFile(path)
    return
  }
  for await (const message of mboxReader(createReadStream(path))) yield message.content
}

/**
 * Imports archived mail (a folder of .eml files or an mbox) into a mailbox through the capture
 * pipeline itself: same dedupe, threading, linking, rules and ledger as IMAP sync. An unknown
 * mailbox name creates an archive-only mailbox. Each message's ledger key is the hash of its
 * bytes, so importing the same files again stores nothing new.
 */
export async function importArchive(params: {
  organizationId: number
  mailbox: string
  /** A folder of .eml files, one .eml or an mbox; or `messages`, raw messages in memory. */
  path?: string
  messages?: AsyncIterable<Buffer> | Iterable<Buffer>
  onProgress?: (done: number) => void
}): Promise<ArchiveImportResult> {
  const { id, created } = await archiveMailbox(params.organizationId, params.mailbox)
  const folderId = await folderOf(params.organizationId, id, ARCHIVE_FOLDER)
  const context = await mailboxContext(id)
  const result: ArchiveImportResult = {
    mailbox: params.mailbox,
    created,
    offered: 0,
    stored: 0,
    duplicates: 0,
    known: 0,
    skipped: 0,
    failed: 0,
  }
  const count: Record<IngestOutcome['outcome'], keyof ArchiveImportResult> = {
    stored: 'stored',
    duplicate: 'duplicates',
    known: 'known',
    skipped: 'skipped',
    failed: 'failed',
  }
  for await (const raw of params.messages ?? rawMessages(params.path ?? '')) {
    const itemKey = createHash('sha256').update(raw).digest('hex')
    const outcome = await ingest(context, { folderId, itemKey }, raw, { notify: false })
    result.offered++
    ;(result[count[outcome.outcome]] as number)++
    params.onProgress?.(result.offered)
  }
  // What an archive "has on the server" is what was offered to it: its distinct items.
  const offered = await db.from('mail_intake').where('folder_id', folderId).count('* as n').first()
  const now = dbTimestamp()
  await db
    .from('mail_folders')
    .where('id', folderId)
    .update({ on_server: Number(offered?.n ?? 0), last_sync_at: now, updated_at: now })
  await db.from('mail_mailboxes').where('id', id).update({ last_sync_at: now, updated_at: now })
  return result
}
