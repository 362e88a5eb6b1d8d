import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#app/support/dates'
import { insertId } from '#app/support/db'
import { notFound } from '#app/support/http'
import { RuleError } from '#app/support/rule_error'
import { recordCards } from '#modules/crm/contracts/index'
import type { MailRuleData } from '../validators/rules.js'
import type { RuleAction, RuleCondition } from './evaluate.js'
import { parseRecordRef } from '../triage/record_ref.js'
import type { MailRuleRow } from '../dto/rules.js'
import type { AccessContext } from '#app/access/access_context'

const toRow = (r: any): MailRuleRow => ({
  id: Number(r.id),
  name: r.name,
  mailboxId: r.mailbox_id === null ? null : Number(r.mailbox_id),
  enabled: !!r.enabled,
  match: r.match === 'any' ? 'any' : 'all',
  conditions: JSON.parse(r.conditions),
  actions: JSON.parse(r.actions),
  stop: !!r.stop,
})

/**
 * The organization's capture rules in evaluation order, each "link" action with the name of
 * its record (null when the record is gone or outside the reader's scope), for the form's
 * record picker.
 */
export async function listMailRules(
  organizationId: number,
  access: AccessContext
): Promise<MailRuleRow[]> {
  const rows = await db
    .from('mail_rules')
    .where('organization_id', organizationId)
    .orderBy('position')
    .orderBy('id')
  const rules = rows.map(toRow)
  const refs = rules.flatMap((r) =>
    r.actions.flatMap((a) => (a.type === 'link' ? [{ type: a.recordType, id: a.recordId }] : []))
  )
  if (!refs.length) return rules
  const cards = await recordCards(organizationId, refs, access)
  for (const rule of rules)
    for (const action of rule.actions)
      if (action.type === 'link')
        action.recordLabel =
          cards.find((c) => c.type === action.recordType && c.id === action.recordId)?.name ?? null
  return rules
}

export async function findMailRule(organizationId: number, id: number): Promise<MailRuleRow> {
  const row = await db.from('mail_rules').where({ organization_id: organizationId, id }).first()
  if (!row) notFound()
  return toRow(row)
}

/**
 * The stored actions: users of the organization, records that exist and the editor may see
 * (`crm.lead:4`).
 */
async function checkedActions(
  organizationId: number,
  data: MailRuleData,
  access: AccessContext
): Promise<RuleAction[]> {
  const out: RuleAction[] = []
  for (const [i, a] of data.actions.entries()) {
    if (a.type === 'assign') {
      const user = await db
        .from('users')
        .where({ organization_id: organizationId, id: a.userId!, is_active: true })
        .first()
      if (!user) throw new RuleError('mail.rules.errors.user', {}, `actions.${i}.userId`)
      out.push({ type: 'assign', userId: a.userId! })
    } else if (a.type === 'link') {
      const ref = parseRecordRef(a.record ?? '')
      const [card] = ref ? await recordCards(organizationId, [ref], access) : []
      if (!card) throw new RuleError('mail.rules.errors.record', {}, `actions.${i}.record`)
      out.push({ type: 'link', recordType: card.type, recordId: card.id })
    } else if (a.type === 'tag') out.push({ type: 'tag', tag: a.tag!.toLowerCase() })
    else out.push({ type: a.type })
  }
  return out
}

/** Creates (at the end of the order) or updates a rule. */
export async function saveMailRule(
  organizationId: number,
  data: MailRuleData,
  access: AccessContext,
  id?: number
) {
  if (data.mailboxId) {
    const mailbox = await db
      .from('mail_mailboxes')
      .where({ organization_id: organizationId, id: data.mailboxId })
      .first()
    if (!mailbox) throw new RuleError('mail.rules.errors.mailbox', {}, 'mailboxId')
  }
  const conditions: RuleCondition[] = data.conditions.map((c) => ({
    field: c.field,
    ...(c.field === 'header' && { header: c.header }),
    op: c.op,
    value: c.value,
  }))
  const values = {
    name: data.name,
    mailbox_id: data.mailboxId ?? null,
    enabled: data.enabled ?? true,
    match: data.match,
    conditions: JSON.stringify(conditions),
    actions: JSON.stringify(await checkedActions(organizationId, data, access)),
    stop: data.stop ?? false,
    updated_at: dbTimestamp(),
  }
  if (id) {
    await findMailRule(organizationId, id)
    await db.from('mail_rules').where({ organization_id: organizationId, id }).update(values)
    return id
  }
  const last = await db
    .from('mail_rules')
    .where('organization_id', organizationId)
    .max('position as max')
    .first()
  return insertId(db.connection(), 'mail_rules', {
    ...values,
    organization_id: organizationId,
    position: Number(last?.max ?? 0) + 1,
    created_at: dbTimestamp(),
  })
}

export async function deleteMailRule(organizationId: number, id: number) {
  await findMailRule(organizationId, id)
  await db.from('mail_rules').where({ organization_id: organizationId, id }).delete()
}

/** Swaps a rule with its neighbour; positions are renumbered 1..n on the way. */
export async function moveMailRule(organizationId: number, id: number, direction: 'up' | 'down') {
  await db.transaction(async (trx) => {
    const rows = await trx
      .from('mail_rules')
      .where('organization_id', organizationId)
      .orderBy('position')
      .orderBy('id')
      .forUpdate()
      .select('id')
    const ids = rows.map((r) => Number(r.id))
    const at = ids.indexOf(id)
    if (at < 0) notFound()
    const to = direction === 'up' ? at - 1 : at + 1
    if (to < 0 || to >= ids.length) return
    ;[ids[at], ids[to]] = [ids[to], ids[at]]
    for (const [i, ruleId] of ids.entries())
      await trx
        .from('mail_rules')
        .where('id', ruleId)
        .update({ position: i + 1 })
  })
}

export async function listBlocklist(organizationId: number) {
  const rows = await db
    .from('mail_blocklist')
    .where('organization_id', organizationId)
    .orderBy('pattern')
    .select('id', 'pattern')
  return rows.map((r) => ({ id: Number(r.id), pattern: String(r.pattern) }))
}

export async function addBlocked(organizationId: number, pattern: string) {
  const exists = await db
    .from('mail_blocklist')
    .where({ organization_id: organizationId, pattern })
    .first()
  if (exists) return
  await db
    .table('mail_blocklist')
    .insert({ organization_id: organizationId, pattern, created_at: dbTimestamp() })
}

export async function removeBlocked(organizationId: number, id: number) {
  await db.from('mail_blocklist').where({ organization_id: organizationId, id }).delete()
}
