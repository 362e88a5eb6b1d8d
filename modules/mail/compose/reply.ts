import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { notFound } from '#app/support/http'
import { messageAccess } from '../access/visibility.js'
import { basicAddress } from '../support/addresses.js'

export type ReplyMode = 'reply' | 'reply_all' | 'forward'

export interface ReplyDraft {
  replyToMessageId: number
  to: string[]
  cc: string[]
  subject: string
  body: string
}

const PREFIX: Record<ReplyMode, string> = { reply: 'RE: ', reply_all: 'RE: ', forward: 'RV: ' }

/**
 * The draft of a reply, reply-all or forward of a message the user may read: recipients (the
 * organization's own mailboxes left out), "RE:"/"RV:" subject, and the original quoted when the
 * user may see its content.
 */
export async function replyDraft(
  access: AccessContext,
  messageId: number,
  mode: ReplyMode
): Promise<ReplyDraft> {
  const level = await messageAccess(access, messageId)
  if (!level) notFound()
  const message = await db
    .from('mail_messages')
    .where({ organization_id: access.organizationId, id: messageId })
    .select('subject', 'from_address', 'from_name', 'to_json', 'cc_json', 'text_body', 'sent_at')
    .firstOrFail()
  const own = new Set(
    (
      await db
        .from('mail_mailboxes')
        .where('organization_id', access.organizationId)
        .whereNotNull('address')
        .select('address')
    ).map((r) => String(r.address).toLowerCase())
  )
  const external = (list: (string | null)[]) =>
    [...new Set(list.filter((a): a is string => !!a).map((a) => a.toLowerCase()))].filter(
      (a) => !own.has(basicAddress(a))
    )
  const parse = (json: string | null): string[] =>
    JSON.parse(json ?? '[]').map((a: { address: string }) => a.address)
  const from = message.from_address ? [message.from_address] : []
  const to =
    mode === 'forward'
      ? []
      : mode === 'reply'
        ? external(from)
        : external([...from, ...parse(message.to_json)])
  const cc =
    mode === 'reply_all' ? external(parse(message.cc_json)).filter((a) => !to.includes(a)) : []
  const canRead = level.level !== 'metadata'
  const original = canRead ? (message.subject ?? '') : ''
  const bare = original.replace(/^\s*((re|rv|fw|fwd|aw|tr|enc)\s*:\s*)+/i, '')
  const subject = `${PREFIX[mode]}${bare}`
  const quoted =
    level.level === 'full' && message.text_body
      ? `\n\n${message.from_name ?? message.from_address ?? ''}:\n${String(message.text_body)
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')}`
      : ''
  return { replyToMessageId: messageId, to, cc, subject: subject.slice(0, 500), body: quoted }
}
