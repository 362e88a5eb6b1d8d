import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  createContactForSender,
  createLeadFromEmail,
  findByEmail,
  findLeadsByEmail,
} from '#modules/crm/contracts/index'
import type { Decision } from '../rules/evaluate.js'
import type { LinkChoice } from './link.js'
import type { ParsedMessage } from './parse.js'

/**
 * The rule actions applied once a new message is stored: its tags, and a lead and/or a contact
 * for a sender the CRM does not know yet (no contact, company or open lead with that address;
 * the contact at the company the message was linked to by its domain, if exactly one, owned by
 * the mailbox's owner); the message is then linked to them (added to `links` before they are
 * written).
 */
export async function applyRuleEffects(
  ctx: {
    organizationId: number
    messageId: number
    parsed: ParsedMessage | null
    decision: Decision | null
    direction: 'in' | 'out'
    links: LinkChoice[]
    ownerUserId?: number | null
  },
  trx: TransactionClientContract
) {
  const { organizationId, decision, parsed } = ctx
  if (!decision || !parsed || decision.spam) return
  const tags = [...new Set(decision.tags.map((t) => t.trim().toLowerCase().slice(0, 60)))]
  if (tags.length)
    await trx
      .table('mail_message_tags')
      .multiInsert(
        tags
          .filter(Boolean)
          .map((tag) => ({ organization_id: organizationId, message_id: ctx.messageId, tag }))
      )
  const from = parsed.from?.address
  if (!(decision.createLead || decision.createContact) || ctx.direction !== 'in' || !from) return
  const known = await findByEmail(organizationId, from, trx)
  if (known.companyIds.length || known.contactIds.length) return
  const name = parsed.from?.name || null
  if (decision.createContact) {
    const byDomain = ctx.links.filter((l) => l.type === 'crm.company' && l.reason === 'domain')
    const contactId = await createContactForSender(
      organizationId,
      { email: from, name },
      {
        companyId: byDomain.length === 1 ? byDomain[0].id : null,
        ownerId: ctx.ownerUserId ?? null,
      },
      trx
    )
    ctx.links.unshift({ type: 'crm.contact', id: contactId, reason: 'rule', detail: null })
  }
  if (!decision.createLead || (await findLeadsByEmail(organizationId, from, trx)).length) return
  const leadId = await createLeadFromEmail(
    organizationId,
    { email: from, name, subject: parsed.subject },
    trx
  )
  ctx.links.unshift({ type: 'crm.lead', id: leadId, reason: 'rule', detail: null })
}
