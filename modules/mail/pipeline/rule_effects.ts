import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { createLeadFromEmail, findByEmail, findLeadsByEmail } from '#modules/crm/contracts/index'
import type { Decision } from '../rules/evaluate.js'
import type { LinkChoice } from './link.js'
import type { ParsedMessage } from './parse.js'

/**
 * The rule actions applied once a new message is stored: its tags, and a lead for a sender the
 * CRM does not know yet (no contact, company or open lead with that address); the message is
 * then linked to the new lead (added to `links` before they are written).
 */
export async function applyRuleEffects(
  ctx: {
    organizationId: number
    messageId: number
    parsed: ParsedMessage | null
    decision: Decision | null
    direction: 'in' | 'out'
    links: LinkChoice[]
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
  if (!decision.createLead || ctx.direction !== 'in' || !from) return
  const known = await findByEmail(organizationId, from, trx)
  if (known.companyIds.length || known.contactIds.length) return
  if ((await findLeadsByEmail(organizationId, from, trx)).length) return
  const leadId = await createLeadFromEmail(
    organizationId,
    { email: from, name: parsed.from?.name ?? null, subject: parsed.subject },
    trx
  )
  ctx.links.unshift({ type: 'crm.lead', id: leadId, reason: 'rule', detail: null })
}
