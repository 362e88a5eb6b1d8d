import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'

/** A small RFC 5322 message (CRLF), for tests that build their own mail. */
export function eml(parts: {
  from?: string
  to?: string
  cc?: string
  subject?: string
  messageId?: string | null
  inReplyTo?: string
  references?: string
  date?: string
  body?: string
  headers?: Record<string, string>
}): string {
  const lines = [
    `From: ${parts.from ?? 'Ana García <ana@cliente-a.es>'}`,
    `To: ${parts.to ?? 'Ventas <ventas@cartera-demo.es>'}`,
    ...(parts.cc ? [`Cc: ${parts.cc}`] : []),
    `Subject: ${parts.subject ?? 'Consulta de precios'}`,
    `Date: ${parts.date ?? 'Tue, 01 Dec 2026 10:00:00 +0100'}`,
    ...(parts.messageId === null
      ? []
      : [`Message-ID: <${parts.messageId ?? `${Math.random()}@cliente-a.es`}>`]),
    ...(parts.inReplyTo ? [`In-Reply-To: <${parts.inReplyTo}>`] : []),
    ...(parts.references ? [`References: ${parts.references}`] : []),
    ...Object.entries(parts.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    parts.body ?? 'Hola, ¿nos podéis enviar la tarifa actualizada?',
    '',
  ]
  return lines.join('\r\n')
}

/** A temporary folder holding the given messages as 01.eml, 02.eml… */
export async function emlFolder(messages: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cartera-eml-'))
  for (const [i, message] of messages.entries())
    await writeFile(join(dir, `${String(i + 1).padStart(2, '0')}.eml`), message)
  return dir
}

/** The stored messages of an organization, oldest first. */
export function storedMessages(organizationId: number) {
  return db.from('mail_messages').where('organization_id', organizationId).orderBy('id')
}

/** Links of a message as `type:id:reason` strings, sorted. */
export async function linksOf(messageId: number): Promise<string[]> {
  const rows = await db.from('mail_message_links').where('message_id', messageId)
  return rows.map((r) => `${r.record_type}:${r.record_id}:${r.reason}`).sort()
}

/** A shared mailbox with an address (so its domain counts as the organization's own). */
export async function sharedMailbox(organizationId: number, name: string, address: string) {
  const [row] = await db.table('mail_mailboxes').returning('id').insert({
    organization_id: organizationId,
    name,
    address,
    kind: 'shared',
    privacy: 'full',
    created_at: '2026-12-01 00:00:00',
    updated_at: '2026-12-01 00:00:00',
  })
  return Number(typeof row === 'object' ? row.id : row)
}
