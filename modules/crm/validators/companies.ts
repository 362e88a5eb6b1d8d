import vine from '@vinejs/vine'
import { COMPANY_TYPES, INDUSTRIES, PROVINCE_NAMES } from '../catalog.js'
import { nifRule } from './nif_rule.js'
import { addressesSchema, emailsSchema, listFields, ownerIdSchema, phonesSchema } from './shared.js'

/** Create and edit: the same allow-list. Owner rules and NIF uniqueness live in the actions. */
export const companyValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(2).maxLength(200),
    legalName: vine.string().trim().maxLength(200).optional(),
    type: vine.enum(COMPANY_TYPES),
    nif: vine.string().trim().maxLength(20).use(nifRule()).optional(),
    website: vine.string().trim().maxLength(255).url({ require_protocol: false }).optional(),
    industry: vine.enum(INDUSTRIES).optional(),
    ownerId: ownerIdSchema,
    description: vine.string().trim().maxLength(5000).optional(),
    addresses: addressesSchema,
    phones: phonesSchema,
    emails: emailsSchema,
    // Sent by "Guardar de todos modos" after the duplicate-name warning.
    confirmDuplicate: vine.boolean().optional(),
  })
)

export const listCompaniesValidator = vine.compile(
  vine.object({
    ...listFields,
    type: vine.enum(COMPANY_TYPES).optional(),
    industry: vine.enum(INDUSTRIES).optional(),
    province: vine.enum(PROVINCE_NAMES).optional(),
    city: vine.string().trim().maxLength(100).optional(),
  })
)

export type CompanyData = Awaited<ReturnType<typeof companyValidator.validate>>
export type CompanyFilters = Awaited<ReturnType<typeof listCompaniesValidator.validate>>
