import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { toIso } from '#app/support/dates'
import { recordCards } from '#modules/crm/contracts/index'
import { messageAccess, type ContentLevel } from '../access/visibility.js'
import { tagsOf } from '../triage/message_tags.js'
import type {
  AddressDto,
  AttachmentDto,
  MessageLinkDto,
  MessageViewDto,
  ThreadItemDto,
} from '../dto/messages.js'

/** Other messages of a thread shown beside one (the newest of a long thread). */
const THREAD_LIMIT = 30

const RANK: Record<ContentLevel, number> = { metadata: 0, subject: 1, full: 2 }
const atLeast = (level: ContentLevel, wanted: ContentLevel) => RANK[level] >= RANK[wanted]

/** The kernel's download route of a document (app/documents, start/routes/documents.ts). */
const downloadUrl = (documentId: number) => `/documents/${documentId}/download`

function addresses(json: string | null): AddressDto[] {
  if (!json) return []
  try {
    const list = JSON.parse(json)
    return Array.isArray(list)
      ? list.map((a) => ({ name: a?.name || null, address: a?.address || null }))
      : []
  } catch {
    return []
  }
}

/** Mailbox names that captured the message ("Visto en: ventas, ana"). */
async function seenIn(organizationId: number, messageId: number): Promise<string[]> {
  const rows = await db
    .from('mail_intake as i')
    .join('mail_mailboxes as m', 'm.id', 'i.mailbox_id')
    .where('i.organization_id', organizationId)
    .where('i.message_id', messageId)
    .distinct('m.name')
  return rows.map((r) => String(r.name)).sort((a, b) => a.localeCompare(b))
}

/** Linked records the reader may see, with the reason of each link. */
async function links(access: AccessContext, messageId: number): Promise<MessageLinkDto[]> {
  const rows = await db
    .from('mail_message_links')
    .where({ organization_id: access.organizationId, message_id: messageId })
    .orderBy('id')
    .select('record_type', 'record_id', 'reason', 'detail')
  if (!rows.length) return []
  const cards = await recordCards(
    access.organizationId,
    rows.map((r) => ({ type: r.record_type, id: Number(r.record_id) })),
    access
  )
  const card = new Map(cards.map((c) => [`${c.type}:${c.id}`, c]))
  return rows.flatMap((r) => {
    const c = card.get(`${r.record_type}:${Number(r.record_id)}`)
    return c
      ? [{ type: c.type, id: c.id, name: c.name, href: c.href, reason: r.reason, detail: r.detail }]
      : []
  })
}

/** The thread's other messages the reader may open, oldest first. */
async function thread(
  access: AccessContext,
  messageId: number,
  threadId: number | null
): Promise<ThreadItemDto[]> {
  if (!threadId) return []
  const rows = await db
    .from('mail_messages')
    .where({ organization_id: access.organizationId, thread_id: threadId })
    .whereNot('id', messageId)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(THREAD_LIMIT)
    .select('id', 'subject', 'from_name', 'from_address', 'sent_at')
  const out: ThreadItemDto[] = []
  for (const row of rows.reverse()) {
    const seen = await messageAccess(access, Number(row.id))
    if (!seen) continue
    out.push({
      id: Number(row.id),
      from: { name: row.from_name, address: row.from_address },
      sentAt: row.sent_at ? toIso(row.sent_at) : null,
      subject: atLeast(seen.level, 'subject') ? row.subject : null,
    })
  }
  return out
}

async function attachmentsOf(organizationId: number, messageId: number) {
  const rows = await db
    .from('mail_attachments')
    .where({ organization_id: organizationId, message_id: messageId })
    .orderBy('position')
    .select('id', 'filename', 'content_type', 'size', 'content_id', 'inline', 'document_id')
  const listed: AttachmentDto[] = []
  const inline: Record<string, string> = {}
  for (const r of rows) {
    const href = r.document_id ? downloadUrl(Number(r.document_id)) : null
    if (r.inline && r.content_id && href) inline[r.content_id] = href
    if (!r.inline)
      listed.push({
        id: Number(r.id),
        filename: r.filename,
        contentType: r.content_type,
        size: Number(r.size),
        href,
      })
  }
  return { listed, inline }
}

/**
 * What the message view shows of a message the reader may open, at their content level:
 * metadata (who, to whom, when), the subject too, or everything (body and attachments).
 */
export async function messageView(
  access: AccessContext,
  messageId: number,
  level: ContentLevel
): Promise<MessageViewDto> {
  const m = await db
    .from('mail_messages')
    .where({ organization_id: access.organizationId, id: messageId })
    .firstOrFail()
  const full = atLeast(level, 'full')
  const [mailboxes, linked, others, files, tags] = await Promise.all([
    seenIn(access.organizationId, messageId),
    links(access, messageId),
    thread(access, messageId, m.thread_id ? Number(m.thread_id) : null),
    full ? attachmentsOf(access.organizationId, messageId) : null,
    atLeast(level, 'subject') ? tagsOf(access.organizationId, [messageId]) : null,
  ])
  return {
    id: Number(m.id),
    level,
    direction: m.direction === 'out' ? 'out' : 'in',
    subject: atLeast(level, 'subject') ? (m.subject ?? '') : null,
    from: { name: m.from_name, address: m.from_address },
    to: addresses(m.to_json),
    cc: addresses(m.cc_json),
    sentAt: m.sent_at ? toIso(m.sent_at) : null,
    seenIn: mailboxes,
    tags: tags?.get(messageId) ?? [],
    links: linked,
    thread: others,
    attachments: files?.listed ?? [],
    body: full
      ? {
          html: m.html_body ?? null,
          // Only shown without HTML (mailparser derives one from the other, links and all).
          text: m.html_body ? null : (m.text_body ?? null),
          hasRemoteContent: !!m.has_remote_content,
          inline: files?.inline ?? {},
        }
      : null,
    spam: m.spam ? { reason: m.spam_reason ?? null } : null,
    unreadable:
      m.parse_status === 'raw'
        ? {
            code: m.parse_error_code ?? 'malformed',
            detail: full ? (m.parse_error ?? null) : null,
          }
        : null,
  }
}
