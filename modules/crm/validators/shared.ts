import vine from '@vinejs/vine'
import { ADDRESS_KINDS, PROVINCE_NAMES, PROVINCES } from '../catalog.js'
import { toE164 } from '../support/normalize.js'

/*
 * Pieces shared by the company and contact validators. Every schema is an explicit allow-list:
 * organization, creator and ids of child rows never come from the form.
 */

/**
 * A phone number, stored in E.164 ("+34612345678"; Spanish when typed without a country
 * code): the rule rewrites what was typed. Its message is `crm.validator.messages.phone`.
 */
const phoneRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const e164 = toE164(value)
  if (!e164) return field.report('El teléfono {{ field }} no es válido', 'phone', field)
  field.mutate(e164, field)
})

export const phonesSchema = vine
  .array(
    vine.object({
      label: vine.string().trim().maxLength(40).optional(),
      number: vine.string().trim().maxLength(30).use(phoneRule()),
      primary: vine.boolean().optional(),
    })
  )
  .maxLength(10)
  .optional()

export const emailsSchema = vine
  .array(
    vine.object({
      label: vine.string().trim().maxLength(40).optional(),
      address: vine.string().trim().toLowerCase().email().maxLength(254),
      primary: vine.boolean().optional(),
    })
  )
  .maxLength(10)
  .optional()

export const addressesSchema = vine
  .array(
    vine.object({
      kind: vine.enum(ADDRESS_KINDS),
      street: vine.string().trim().maxLength(200).optional(),
      postalCode: vine
        .string()
        .trim()
        .maxLength(10)
        .regex(/^[A-Za-z0-9 -]+$/)
        .use(postalCodeRule())
        .optional(),
      city: vine.string().trim().maxLength(100).optional(),
      country: vine
        .string()
        .trim()
        .toUpperCase()
        .fixedLength(2)
        .regex(/^[A-Z]{2}$/)
        .optional(),
      // A Spanish address names one of the 52 provinces; a foreign one any region.
      province: vine.string().trim().maxLength(60).use(provinceRule()).optional(),
    })
  )
  .maxLength(10)
  .optional()

function provinceRule() {
  return vine.createRule((value, _options, field) => {
    const country = (field.parent as { country?: string })?.country ?? 'ES'
    if (country === 'ES' && typeof value === 'string' && !PROVINCE_NAMES.includes(value)) {
      field.report('La provincia {{ field }} no es válida', 'province', field)
    }
  })()
}

/**
 * A Spanish postcode has five digits, and its first two are its province's INE code
 * (28001 is Madrid): a mismatch is a typo in one or the other.
 */
function postalCodeRule() {
  return vine.createRule((value, _options, field) => {
    const parent = field.parent as { country?: string; province?: string }
    if ((parent?.country ?? 'ES') !== 'ES' || typeof value !== 'string') return
    const code = value.slice(0, 2)
    if (!/^\d{5}$/.test(value) || !PROVINCES[code])
      return field.report('El código postal {{ field }} no es válido', 'postalCode', field)
    if (
      parent.province &&
      PROVINCE_NAMES.includes(parent.province) &&
      PROVINCES[code] !== parent.province
    )
      field.report('El código postal no es de la provincia', 'postalCodeProvince', field)
  })()
}

/** An owner's id; null leaves the record without owner (the actions check who may). */
export const ownerIdSchema = vine.number().withoutDecimals().positive().nullable().optional()

/** A note on a record's timeline. */
export const noteValidator = vine.compile(
  vine.object({ body: vine.string().trim().minLength(1).maxLength(5000) })
)

/** Rows per page the lists offer (`per`); 25 by default. */
export const PAGE_SIZES = [25, 50, 100] as const

export const SORTS = ['name', '-name', 'created', '-created'] as const
/** A built-in sort, or a custom field's (`cf_<key>` / `-cf_<key>`, checked by the controller). */
export type Sort = (typeof SORTS)[number] | `cf_${string}` | `-cf_${string}`

/** Filters shared by both lists; unknown or malformed ones are dropped by the controllers. */
export const listFields = {
  q: vine.string().trim().maxLength(100).optional(),
  owner: vine
    .string()
    .trim()
    .regex(/^(mine|\d{1,10})$/)
    .optional(),
  sort: vine
    .string()
    .regex(/^(name|-name|-?created|-?cf_[a-z0-9_]{1,40})$/)
    .transform((v) => v as Sort)
    .optional(),
  cursor: vine.string().maxLength(1000).optional(),
  before: vine.string().maxLength(1000).optional(),
  count: vine.enum(['exact'] as const).optional(),
  /** Rows per page. */
  per: vine
    .number()
    .in([...PAGE_SIZES])
    .optional(),
  /** Created on or after / on or before these days (UTC), `YYYY-MM-DD`. */
  created_from: vine
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  created_to: vine
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
}
