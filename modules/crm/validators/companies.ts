import vine from '@vinejs/vine'
import { listValueRule } from '#app/settings/lists'
import { PROVINCE_NAMES } from '../catalog.js'
import { COMPANY_TYPES_LIST, INDUSTRIES_LIST } from '../lists.js'
import { COMPANY_SIZES_LIST, COMPANY_STATUSES_LIST, ZONES_LIST } from '../account_lists.js'
import { nifRule } from './nif_rule.js'
import { addressesSchema, emailsSchema, listFields, ownerIdSchema, phonesSchema } from './shared.js'

/**
 * What the validator needs to know: the organization (its lists) and, when editing, the codes
 * the company holds (a deactivated type or sector it already has stays valid).
 */
export interface CompanyMeta {
  organizationId: number
  current?: {
    type?: string | null
    industry?: string | null
    zone?: string | null
    status?: string | null
    size?: string | null
  }
}

/** A code of one of the organization's editable lists. */
const listCode = (list: string, inactive = false) =>
  vine.string().trim().maxLength(40).use(listValueRule({ list, inactive }))

/** The form's fields and their rules (inline editing picks one: #app/support/inline_field). */
export const companyRules = {
  name: vine.string().trim().minLength(2).maxLength(200),
  legalName: vine.string().trim().maxLength(200).optional(),
  type: listCode(COMPANY_TYPES_LIST),
  nif: vine.string().trim().maxLength(20).use(nifRule()).optional(),
  website: vine.string().trim().maxLength(255).url({ require_protocol: false }).optional(),
  industry: listCode(INDUSTRIES_LIST).optional(),
  ownerId: ownerIdSchema,
  description: vine.string().trim().maxLength(5000).optional(),
  // Extra sectors beside the main one (deactivated ones a company keeps stay valid).
  industries: vine.array(listCode(INDUSTRIES_LIST, true)).maxLength(10).distinct().optional(),
  // Its group: checked by the actions (visible, same organization, no cycle).
  parentId: vine.number().withoutDecimals().positive().nullable().optional(),
  zone: listCode(ZONES_LIST).optional(),
  status: listCode(COMPANY_STATUSES_LIST).optional(),
  size: listCode(COMPANY_SIZES_LIST).optional(),
  strengths: vine.string().trim().maxLength(5000).optional(),
  weaknesses: vine.string().trim().maxLength(5000).optional(),
  addresses: addressesSchema,
  phones: phonesSchema,
  emails: emailsSchema,
  // Sent by "Guardar de todos modos" after the duplicate-name warning.
  confirmDuplicate: vine.boolean().optional(),
}

/** Fields a company page edits in place; addresses, phones and e-mails keep the full form. */
export const COMPANY_INLINE_FIELDS = [
  'name',
  'legalName',
  'type',
  'nif',
  'website',
  'industry',
  'ownerId',
  'description',
  'parentId',
  'zone',
  'status',
  'size',
  'strengths',
  'weaknesses',
] as const

/** Create and edit: the same allow-list. Owner rules and NIF uniqueness live in the actions. */
export const companyValidator = vine.withMetaData<CompanyMeta>().compile(vine.object(companyRules))

export const listCompaniesValidator = vine.withMetaData<CompanyMeta>().compile(
  vine.object({
    ...listFields,
    // Deactivated values too: records still hold them.
    type: listCode(COMPANY_TYPES_LIST, true).optional(),
    industry: listCode(INDUSTRIES_LIST, true).optional(),
    zone: listCode(ZONES_LIST, true).optional(),
    status: listCode(COMPANY_STATUSES_LIST, true).optional(),
    size: listCode(COMPANY_SIZES_LIST, true).optional(),
    // "Del grupo X": the company X and its subsidiaries.
    group: vine.number().withoutDecimals().positive().optional(),
    province: vine.enum(PROVINCE_NAMES).optional(),
    city: vine.string().trim().maxLength(100).optional(),
  })
)

export type CompanyData = Awaited<ReturnType<typeof companyValidator.validate>>
export type CompanyFilters = Awaited<ReturnType<typeof listCompaniesValidator.validate>>
