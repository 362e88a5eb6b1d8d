import type { HttpContext } from '@adonisjs/core/http'
import { actor } from '#app/support/http'
import {
  inlineValidators,
  lockRow,
  saveInlineField,
  type InlineTrx,
} from '#app/support/inline_field'
import db from '@adonisjs/lucid/services/db'
import {
  CONTACT_INLINE_FIELDS,
  contactRules,
  type ContactData,
  type ContactMeta,
} from '../../validators/contacts.js'
import { CONTACTS, loadContact } from './load_contact.js'
import { updateContact } from './update_contact.js'

const validators = inlineValidators<ContactMeta>(contactRules, CONTACT_INLINE_FIELDS)

/**
 * What the update action needs to keep a contact as it is: company and manager as they are (kept,
 * even when the user may not see them), phones and e-mails left out (kept).
 */
async function currentData(
  trx: InlineTrx,
  organizationId: number,
  contactId: number
): Promise<ContactData> {
  await lockRow(trx, 'crm_contacts', organizationId, contactId)
  const c = (await loadContact(trx, organizationId, contactId))!
  return {
    firstName: c.firstName,
    lastName: c.lastName ?? undefined,
    position: c.position ?? undefined,
    department: c.department ?? undefined,
    ownerId: c.ownerId,
    notes: c.notes ?? undefined,
    // Company and manager as they are (an inline edit of the manager replaces it).
    companyId: c.companyId,
    reportsToId: c.reportsToId,
    gender: c.gender ?? undefined,
    language: (c.language ?? undefined) as ContactData['language'],
    birthday: c.birthday ?? undefined,
    consentStatus: c.consentStatus as ContactData['consentStatus'],
    consentSource: c.consentSource ?? undefined,
    optedOut: c.optedOut,
    optOutSource: c.optOutSource ?? undefined,
  }
}

/**
 * One field of a contact saved from its page (inline editing): the form's rule for that field,
 * then the update action in one transaction. The caller has checked permission and scope.
 */
export async function saveContactField(ctx: HttpContext, contactId: number) {
  const organizationId = ctx.organization.id
  return saveInlineField(ctx, {
    resource: CONTACTS,
    recordId: contactId,
    validator: validators,
    meta: { organizationId, current: await contactCodes(organizationId, contactId) },
    current: (trx) => currentData(trx, organizationId, contactId),
    save: (trx, data, customValues, options) =>
      updateContact({ ...actor(ctx), contactId, data, customValues, trx, ...options }),
  })
}

/** The list codes a contact holds (a deactivated one stays valid on it). */
export async function contactCodes(organizationId: number, contactId: number) {
  const row = await db
    .from('crm_contacts')
    .where({ organization_id: organizationId, id: contactId })
    .select('gender', 'consent_source', 'opt_out_source')
    .first()
  return {
    gender: row?.gender ?? null,
    consentSource: row?.consent_source ?? null,
    optOutSource: row?.opt_out_source ?? null,
  }
}
