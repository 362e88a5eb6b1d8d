import vine from '@vinejs/vine'
import { emailsSchema, listFields, ownerIdSchema, phonesSchema } from './shared.js'

/**
 * Create and edit. Whether the company is visible, the manager belongs to the same company
 * and the org chart stays free of cycles is checked by the actions (it needs the database).
 */
/** The form's fields and their rules (inline editing picks one: #app/support/inline_field). */
export const contactRules = {
  firstName: vine.string().trim().minLength(1).maxLength(100),
  lastName: vine.string().trim().maxLength(150).optional(),
  companyId: vine.number().withoutDecimals().positive().nullable().optional(),
  position: vine.string().trim().maxLength(120).optional(),
  department: vine.string().trim().maxLength(120).optional(),
  reportsToId: vine.number().withoutDecimals().positive().nullable().optional(),
  ownerId: ownerIdSchema,
  notes: vine.string().trim().maxLength(5000).optional(),
  phones: phonesSchema,
  emails: emailsSchema,
}

/** Fields a contact page edits in place; company, manager, phones and e-mails keep the form. */
export const CONTACT_INLINE_FIELDS = [
  'firstName',
  'lastName',
  'position',
  'department',
  'ownerId',
  'notes',
] as const

export const contactValidator = vine.compile(vine.object(contactRules))

export const listContactsValidator = vine.compile(
  vine.object({
    ...listFields,
    company: vine.number().withoutDecimals().positive().optional(),
  })
)

export type ContactData = Awaited<ReturnType<typeof contactValidator.validate>>
export type ContactFilters = Awaited<ReturnType<typeof listContactsValidator.validate>>
