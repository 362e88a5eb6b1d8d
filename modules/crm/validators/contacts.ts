import vine from '@vinejs/vine'
import { emailsSchema, listFields, ownerIdSchema, phonesSchema } from './shared.js'

/**
 * Create and edit. Whether the company is visible, the manager belongs to the same company
 * and the org chart stays free of cycles is checked by the actions (it needs the database).
 */
export const contactValidator = vine.compile(
  vine.object({
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
  })
)

export const listContactsValidator = vine.compile(
  vine.object({
    ...listFields,
    company: vine.number().withoutDecimals().positive().optional(),
  })
)

export type ContactData = Awaited<ReturnType<typeof contactValidator.validate>>
export type ContactFilters = Awaited<ReturnType<typeof listContactsValidator.validate>>
