import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { actor } from '#app/support/http'
import {
  inlineValidators,
  lockRow,
  saveInlineField,
  type InlineTrx,
} from '#app/support/inline_field'
import { leadFieldRules, type LeadData, type LeadMeta } from '../../validators/leads.js'
import { ownerIdSchema } from '../../validators/shared.js'
import { LEADS } from './lead_scope.js'
import { loadLead } from './load_lead.js'
import { updateLead } from './save_lead.js'

/** The open states a lead's status cell offers (converting and disqualifying have their flow). */
export const INLINE_LEAD_STATUSES = ['new', 'working'] as const

/** Fields of a lead the list edits in place (the form's rules; status: open states only). */
const RULES = {
  ownerId: ownerIdSchema,
  status: vine.enum(INLINE_LEAD_STATUSES),
  source: leadFieldRules.source,
  sector: leadFieldRules.sector,
}
const validators = inlineValidators<LeadMeta>(RULES, Object.keys(RULES))

type InlineData = LeadData & { status: string }

/** What updateLead needs to keep a lead as it is, read with its row locked. */
async function currentData(
  trx: InlineTrx,
  organizationId: number,
  leadId: number
): Promise<InlineData> {
  await lockRow(trx, 'crm_leads', organizationId, leadId)
  const l = (await loadLead(trx, organizationId, leadId))!
  const opt = (v: string | null) => v ?? undefined
  return {
    title: l.title,
    firstName: opt(l.firstName),
    lastName: opt(l.lastName),
    companyName: opt(l.companyName),
    nif: opt(l.nif),
    email: opt(l.email),
    phone: opt(l.phone),
    website: opt(l.website),
    province: opt(l.province) as LeadData['province'],
    postalCode: opt(l.postalCode),
    country: opt(l.country),
    sector: opt(l.sector),
    companySize: opt(l.companySize),
    productInterest: opt(l.productInterest),
    language: opt(l.language) as LeadData['language'],
    source: opt(l.source),
    description: opt(l.description),
    ownerId: l.ownerId,
    status: l.status,
  }
}

/**
 * One field of a lead saved from the list (inline editing): the form's rule for it, then the
 * update action in one transaction, as a form save writes it (audit, timeline, search). The
 * caller has checked the edit permission and scope.
 */
export async function saveLeadField(ctx: HttpContext, leadId: number) {
  const organizationId = ctx.organization.id
  return saveInlineField(ctx, {
    resource: LEADS,
    recordId: leadId,
    validator: validators,
    meta: { organizationId },
    current: (trx) => currentData(trx, organizationId, leadId),
    save: (trx, { status, ...data }, customValues) =>
      updateLead({
        ...actor(ctx),
        leadId,
        data,
        customValues,
        status: status as InlineData['status'] as 'new' | 'working',
        trx,
      }),
  })
}
