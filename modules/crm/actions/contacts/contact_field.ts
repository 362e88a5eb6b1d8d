import type { HttpContext } from '@adonisjs/core/http'
import { actor } from '#app/support/http'
import {
  inlineValidators,
  lockRow,
  saveInlineField,
  type InlineTrx,
} from '#app/support/inline_field'
import { CONTACT_INLINE_FIELDS, contactRules, type ContactData } from '../../validators/contacts.js'
import { CONTACTS, loadContact } from './load_contact.js'
import { updateContact } from './update_contact.js'

const validators = inlineValidators<Record<string, never>>(contactRules, CONTACT_INLINE_FIELDS)

/**
 * What the update action needs to keep a contact as it is: company and manager left out (kept,
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
    meta: {},
    current: (trx) => currentData(trx, organizationId, contactId),
    save: (trx, data, customValues, options) =>
      updateContact({ ...actor(ctx), contactId, data, customValues, trx, ...options }),
  })
}
