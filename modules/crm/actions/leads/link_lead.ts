import db from '@adonisjs/lucid/services/db'
import type { AccessContext } from '#app/access/access_context'
import { dbTimestamp } from '#app/support/dates'
import { RuleError } from '#app/support/rule_error'
import { visibleCompanyId } from '../companies/load_company.js'
import { visibleContactId } from '../contacts/load_contact.js'

export type LinkKind = 'company' | 'contact'

const COLUMN: Record<LinkKind, string> = {
  company: 'linked_company_id',
  contact: 'linked_contact_id',
}

/**
 * "Vincular": remembers on an open lead (edit scope checked by the caller) that it is this
 * existing company or contact (one the user may see), so conversion pre-selects it; `id` null
 * forgets the link.
 */
export async function linkLead(params: {
  access: AccessContext
  leadId: number
  kind: LinkKind
  id: number | null
}) {
  const { access, leadId, kind, id } = params
  if (id !== null) {
    const visible =
      kind === 'company' ? await visibleCompanyId(access, id) : await visibleContactId(access, id)
    if (!visible) throw new RuleError(`crm.leads.errors.${kind}`)
  }
  await db
    .from('crm_leads')
    .where({ organization_id: access.organizationId, id: leadId })
    .update({ [COLUMN[kind]]: id, updated_at: dbTimestamp() })
}

/** The lead's remembered company and contact, when the user may still see them. */
export async function leadLinks(access: AccessContext, leadId: number) {
  const row = await db
    .from('crm_leads')
    .where({ organization_id: access.organizationId, id: leadId })
    .select('linked_company_id', 'linked_contact_id')
    .first()
  const company = row?.linked_company_id ? Number(row.linked_company_id) : null
  const contact = row?.linked_contact_id ? Number(row.linked_contact_id) : null
  const [c, p] = await Promise.all([
    company ? visibleCompanyId(access, company) : null,
    contact ? visibleContactId(access, contact) : null,
  ])
  const [companyName, contactName] = await Promise.all([
    c ? db.from('crm_companies').where('id', c).select('name').first() : Promise.resolve(null),
    p
      ? db.from('crm_contacts').where('id', p).select('first_name', 'last_name').first()
      : Promise.resolve(null),
  ])
  return {
    company: c ? { id: c, name: String(companyName?.name ?? '') } : null,
    contact: p
      ? {
          id: p,
          name: [contactName?.first_name, contactName?.last_name].filter(Boolean).join(' '),
        }
      : null,
  }
}
