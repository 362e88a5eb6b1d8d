import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { inTransaction } from '#app/support/db'
import { recordHistory } from '#app/history/record_history'
import { RuleError } from '#app/support/rule_error'
import { relinkDocuments } from '#app/documents/relink'
import type { LeadDetail } from '../../dto/leads.js'
import { createCompany } from '../companies/create_company.js'
import { createContact } from '../contacts/create_contact.js'
import { COMPANY_SUBJECT, visibleCompanyId } from '../companies/load_company.js'
import { CONTACT_SUBJECT, visibleContactId } from '../contacts/load_contact.js'
import { LEAD_SUBJECT } from './lead_scope.js'
import { leadName, leadSnapshot, loadLead } from './load_lead.js'
import { LEAD_KINDS } from './lead_status.js'
import { createLeadOpportunity } from './lead_opportunity.js'
import { OPPORTUNITY_SUBJECT } from '../opportunities/load_opportunity.js'

/** What to do with each side of the customer: create it from the lead, link one, or none. */
export type ConvertChoice = { mode: 'new' } | { mode: 'existing'; id: number } | { mode: 'none' }

export interface ConvertLeadParams {
  organizationId: number
  actorId: number
  access: AccessContext
  /** Already checked to be in the user's convert scope. */
  leadId: number
  company: ConvertChoice
  contact: ConvertChoice
  /** Creates the opportunity (its name defaults to the lead's title). */
  opportunity: { create: boolean; name?: string }
  trx?: TransactionClientContract
}

/** The lead's customer data as a new company's fields. */
function companyData(lead: LeadDetail) {
  const address =
    lead.province || lead.postalCode
      ? [
          {
            kind: 'fiscal' as const,
            postalCode: lead.postalCode ?? undefined,
            province: lead.province ?? undefined,
            country: lead.country ?? 'ES',
          },
        ]
      : []
  return {
    name: lead.companyName ?? leadName(lead),
    type: 'prospecto',
    nif: lead.nif ?? undefined,
    website: lead.website ?? undefined,
    industry: lead.sector ?? undefined,
    description: lead.description ?? undefined,
    ownerId: lead.ownerId ?? undefined,
    addresses: address,
    phones: lead.phone && !lead.firstName ? [{ number: lead.phone, primary: true }] : [],
    emails: lead.email && !lead.firstName ? [{ address: lead.email, primary: true }] : [],
    // The lead page already warned about duplicates; converting is the user's decision.
    confirmDuplicate: true,
  }
}

/**
 * Qualifies a lead: the customer side (a new company and/or contact made from the lead's data,
 * existing ones the user may see, or none — as Flectra allows), an opportunity, its documents
 * moved to the new record, and a `converted` entry on every side's timeline. All in one
 * transaction: a refused step leaves the lead as it was.
 */
export async function convertLead(params: ConvertLeadParams) {
  const { organizationId, actorId, access, leadId } = params
  // Creating the customer's records needs the right to create them, as on their own forms.
  if (params.company.mode === 'new' && !access.can('crm.companies.create'))
    throw new RuleError('crm.leads.errors.create_company', {}, 'company')
  if (params.contact.mode === 'new' && !access.can('crm.contacts.create'))
    throw new RuleError('crm.leads.errors.create_contact', {}, 'contact')
  // Linked records are checked before the transaction (on SQLite a lookup outside it would wait).
  const linked = async (choice: ConvertChoice, find: typeof visibleCompanyId, field: string) => {
    if (choice.mode !== 'existing') return null
    const id = await find(access, choice.id)
    if (id === null) throw new RuleError(`crm.leads.errors.${field}`, {}, `${field}Id`)
    return id
  }
  const existingCompany = await linked(params.company, visibleCompanyId, 'company')
  const existingContact = await linked(params.contact, visibleContactId, 'contact')
  return inTransaction(params.trx, async (trx) => {
    const lead = (await loadLead(trx, organizationId, leadId))!
    if (!['new', 'working'].includes(lead.status)) throw new RuleError('crm.leads.errors.not_new')
    // Claims the lead before creating anything: of two conversions at once, the second waits
    // on this row (MariaDB; SQLite serialises writers) and then finds it converted.
    const claimed = await trx
      .from('crm_leads')
      .where({ organization_id: organizationId, id: leadId })
      .whereIn('status', ['new', 'working'])
      .update({ status: 'converted' })
    if (!Number(claimed)) throw new RuleError('crm.leads.errors.not_new')
    const base = { organizationId, actorId, access, trx }

    let companyId: number | null = existingCompany
    if (params.company.mode === 'new') {
      companyId = (await createCompany({ ...base, data: companyData(lead) as any })).id
    }

    let contactId: number | null = existingContact
    if (params.contact.mode === 'new') {
      if (!lead.firstName && !lead.lastName) throw new RuleError('crm.leads.errors.no_person')
      const data = {
        firstName: lead.firstName ?? lead.lastName!,
        lastName: lead.firstName ? (lead.lastName ?? undefined) : undefined,
        companyId,
        ownerId: lead.ownerId ?? undefined,
        phones: lead.phone ? [{ number: lead.phone, primary: true }] : [],
        emails: lead.email ? [{ address: lead.email, primary: true }] : [],
      }
      contactId = (await createContact({ ...base, data })).id
    }

    const opportunityId = params.opportunity.create
      ? await createLeadOpportunity({
          ...base,
          lead,
          companyId,
          contactId,
          name: params.opportunity.name,
        })
      : null

    const now = dbTimestamp()
    await trx.from('crm_leads').where({ organization_id: organizationId, id: leadId }).update({
      status: 'converted',
      converted_at: now,
      converted_company_id: companyId,
      converted_contact_id: contactId,
      converted_opportunity_id: opportunityId,
      updated_at: now,
    })
    // Its files follow the deal: the opportunity, else the company, else the contact (their upload entries stay
    // on the lead's timeline).
    const target = opportunityId
      ? ['crm.opportunities', opportunityId]
      : companyId
        ? ['crm.companies', companyId]
        : contactId
          ? ['crm.contacts', contactId]
          : null
    if (target)
      await relinkDocuments(trx, {
        organizationId,
        from: { resource: 'crm.leads', recordId: leadId },
        to: { resource: target[0] as string, recordId: target[1] as number },
      })

    const after = (await loadLead(trx, organizationId, leadId))!
    const subject = { organizationId, actorId, subjectType: LEAD_SUBJECT, subjectId: leadId }
    await recordHistory.updated(subject, leadSnapshot(lead), leadSnapshot(after), trx)
    const data = { leadId, lead: lead.title, companyId, contactId, opportunityId }
    await recordHistory.event(subject, { kind: LEAD_KINDS.converted, data }, trx)
    for (const [subjectType, id] of [
      [COMPANY_SUBJECT, companyId],
      [CONTACT_SUBJECT, contactId],
      [OPPORTUNITY_SUBJECT, opportunityId],
    ] as const) {
      if (id !== null)
        await recordHistory.event(
          { organizationId, actorId, subjectType, subjectId: id },
          { kind: LEAD_KINDS.converted, data },
          trx
        )
    }
    return after
  })
}
