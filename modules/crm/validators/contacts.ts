import vine from '@vinejs/vine'
import { listValueRule } from '#app/settings/lists'
import { emailsSchema, listFields, ownerIdSchema, phonesSchema } from './shared.js'
import {
  CONSENT_SOURCES_LIST,
  CONSENT_STATUSES,
  CONTACT_LANGUAGES,
  GENDERS_LIST,
} from '../account_lists.js'

/** The organization (its lists) and, when editing, the codes the contact holds. */
export interface ContactMeta {
  organizationId: number
  current?: Record<string, string | null>
}

const listCode = (list: string, inactive = false) =>
  vine.string().trim().maxLength(40).use(listValueRule({ list, inactive }))

/** A day, `YYYY-MM-DD`, that exists and is not in the future (a birthday, a consent). */
const pastDay = vine
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .use(
    vine.createRule((value, _options, field) => {
      const day = new Date(`${value}T00:00:00Z`)
      const ok =
        !Number.isNaN(day.getTime()) &&
        day.toISOString().slice(0, 10) === value &&
        day.getUTCFullYear() >= 1900 &&
        day.getTime() <= Date.now()
      if (!ok) field.report('La fecha {{ field }} no es válida', 'birthday', field)
    })()
  )

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
  gender: listCode(GENDERS_LIST).optional(),
  language: vine.enum(CONTACT_LANGUAGES).optional(),
  birthday: pastDay.clone().optional(),
  // GDPR: the dates default to the day of the change (the actions set them).
  consentStatus: vine.enum(CONSENT_STATUSES).optional(),
  consentAt: pastDay.clone().optional(),
  consentSource: listCode(CONSENT_SOURCES_LIST).optional(),
  optedOut: vine.boolean().optional(),
  optedOutAt: pastDay.clone().optional(),
  optOutSource: listCode(CONSENT_SOURCES_LIST).optional(),
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
  'gender',
  'language',
  'birthday',
  // The org chart's rearranging (drag and drop, "Depende de") saves the manager in place.
  'reportsToId',
] as const

export const contactValidator = vine.withMetaData<ContactMeta>().compile(vine.object(contactRules))

export const listContactsValidator = vine.compile(
  vine.object({
    ...listFields,
    company: vine.number().withoutDecimals().positive().optional(),
    consent: vine.enum(CONSENT_STATUSES).optional(),
    opted_out: vine.enum(['yes', 'no'] as const).optional(),
    language: vine.enum(CONTACT_LANGUAGES).optional(),
  })
)

export type ContactData = Awaited<ReturnType<typeof contactValidator.validate>>
export type ContactFilters = Awaited<ReturnType<typeof listContactsValidator.validate>>
