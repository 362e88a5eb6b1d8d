import db from '@adonisjs/lucid/services/db'

/** The rule tags of some messages (one query), alphabetical. */
export async function tagsOf(
  organizationId: number,
  messageIds: number[]
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>()
  if (!messageIds.length) return out
  const rows = await db
    .from('mail_message_tags')
    .where('organization_id', organizationId)
    .whereIn('message_id', messageIds)
    .orderBy('tag')
    .select('message_id', 'tag')
  for (const r of rows) {
    const id = Number(r.message_id)
    out.set(id, [...(out.get(id) ?? []), String(r.tag)])
  }
  return out
}

/** The tags rules have put on the organization's mail, for the triage filter. */
export async function tagOptions(organizationId: number): Promise<string[]> {
  const rows = await db
    .from('mail_message_tags')
    .where('organization_id', organizationId)
    .distinct('tag')
    .orderBy('tag')
    .limit(200)
  return rows.map((r) => String(r.tag))
}
