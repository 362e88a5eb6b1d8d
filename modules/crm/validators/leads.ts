import vine from '@vinejs/vine'
import { listValueRule } from '#app/settings/lists'
import { PROVINCE_NAMES } from '../catalog.js'
import { INDUSTRIES_LIST } from '../lists.js'
import { toE164 } from '../support/normalize.js'
import { nifRule } from './nif_rule.js'
import { listFields, ownerIdSchema } from './shared.js'
import {
  COMPANY_SIZES_LIST,
  DISQUALIFY_REASONS_LIST,
  LEAD_LANGUAGES,
  LEAD_SOURCES_LIST,
  LEAD_STATUSES,
  PRODUCT_INTERESTS_LIST,
} from '../support/leads_lists.js'

/** The organization (its lists) the codes are checked against. */
export interface LeadMeta {
  organizationId: number
}

const listCode = (list: string, inactive = false) =>
  vine.string().trim().maxLength(40).use(listValueRule({ list, inactive }))

/** A phone in E.164, rewritten from what was typed; message `crm.validator.messages.phone`. */
const phoneRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const e164 = toE164(value)
  if (!e164) return field.report('El teléfono {{ field }} no es válido', 'phone', field)
  field.mutate(e164, field)
})

/**
 * A lead's own fields (the web form's allow-list is a subset of these). Organization, status,
 * conversion and web form never come from a form.
 */
export const leadFieldRules = {
  title: vine.string().trim().minLength(2).maxLength(200),
  firstName: vine.string().trim().maxLength(100).optional(),
  lastName: vine.string().trim().maxLength(150).optional(),
  companyName: vine.string().trim().maxLength(200).optional(),
  nif: vine.string().trim().maxLength(20).use(nifRule()).optional(),
  email: vine.string().trim().toLowerCase().email().maxLength(254).optional(),
  phone: vine.string().trim().maxLength(30).use(phoneRule()).optional(),
  website: vine.string().trim().maxLength(255).url({ require_protocol: false }).optional(),
  province: vine.enum(PROVINCE_NAMES).optional(),
  postalCode: vine
    .string()
    .trim()
    .maxLength(10)
    .regex(/^[A-Za-z0-9 -]+$/)
    .optional(),
  country: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  sector: listCode(INDUSTRIES_LIST).optional(),
  companySize: listCode(COMPANY_SIZES_LIST).optional(),
  productInterest: listCode(PRODUCT_INTERESTS_LIST).optional(),
  language: vine.enum(LEAD_LANGUAGES).optional(),
  source: listCode(LEAD_SOURCES_LIST).optional(),
  description: vine.string().trim().maxLength(5000).optional(),
}

/** Create and edit by hand: the fields plus owner and team (the actions check who may). */
export const leadValidator = vine.withMetaData<LeadMeta>().compile(
  vine.object({
    ...leadFieldRules,
    ownerId: ownerIdSchema,
    teamId: vine.number().withoutDecimals().positive().nullable().optional(),
  })
)

export const disqualifyValidator = vine
  .withMetaData<LeadMeta>()
  .compile(vine.object({ reason: listCode(DISQUALIFY_REASONS_LIST) }))

export const listLeadsValidator = vine.withMetaData<LeadMeta>().compile(
  vine.object({
    ...listFields,
    status: vine.enum(LEAD_STATUSES).optional(),
    source: listCode(LEAD_SOURCES_LIST, true).optional(),
    sector: listCode(INDUSTRIES_LIST, true).optional(),
    province: vine.enum(PROVINCE_NAMES).optional(),
    /** Leads waiting in the fallback queue (no owner). */
    unassigned: vine.enum(['1'] as const).optional(),
  })
)

export type LeadData = Awaited<ReturnType<typeof leadValidator.validate>>
export type LeadFilters = Awaited<ReturnType<typeof listLeadsValidator.validate>>

const CONVERT_MODES = ['new', 'existing', 'none'] as const

/** Conversion: each customer side created, linked (by id, checked in scope) or left out. */
export const convertValidator = vine.compile(
  vine.object({
    company: vine.enum(CONVERT_MODES),
    companyId: vine
      .number()
      .withoutDecimals()
      .positive()
      .optional()
      .requiredWhen('company', '=', 'existing'),
    contact: vine.enum(CONVERT_MODES),
    contactId: vine
      .number()
      .withoutDecimals()
      .positive()
      .optional()
      .requiredWhen('contact', '=', 'existing'),
    opportunity: vine.boolean().optional(),
    opportunityName: vine.string().trim().maxLength(200).optional(),
  })
)

/** Merge: the other lead's id (checked in the user's delete scope). */
export const mergeValidator = vine.compile(
  vine.object({ otherId: vine.number().withoutDecimals().positive() })
)

/** "Vincular": the existing company or contact a lead is (`id` null forgets it). */
export const linkValidator = vine.compile(
  vine.object({
    kind: vine.enum(['company', 'contact'] as const),
    id: vine.number().withoutDecimals().positive().nullable(),
  })
)
