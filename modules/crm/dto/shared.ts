/*
 * Type-only shapes the CRM's actions send to its pages (ARCHITECTURE §2 and §10): imported with
 * `import type` by both sides, so a page and its controller can never disagree. Only types here
 * (the `dto-only-types` boundary rule checks it).
 */

/** A select option: the value sent back and the label shown. */
export interface Option {
  value: string
  label: string
}

/** A value of an editable list; `active: false` for one kept because a record holds it. */
export interface ListOption extends Option {
  active: boolean
}

/** What the list and form pages need to draw selects, in the reader's language. */
export interface Catalog {
  types: ListOption[]
  industries: ListOption[]
  addressKinds: string[]
  provinces: string[]
}

/** The organization's labels of a company's coded fields (deactivated values included). */
export interface CatalogLabels {
  type: Record<string, string>
  industry: Record<string, string>
}

/** A phone or e-mail as a detail page shows it. */
export interface ChannelDto {
  label: string | null
  value: string
  primary: boolean
}

/** A postal address as a detail page shows it. */
export interface AddressDto {
  kind: string
  street: string | null
  postalCode: string | null
  city: string | null
  province: string | null
  country: string
}

/** Editable rows of the repeatable groups, as the forms hold them. */
export interface PhoneValue {
  label: string
  number: string
  primary: boolean
}
export interface EmailValue {
  label: string
  address: string
  primary: boolean
}
export interface AddressValue {
  kind: string
  street: string
  postalCode: string
  city: string
  province: string
  country: string
}

/** What the user may do with the record shown. */
export interface RecordActions {
  edit: boolean
  delete: boolean
}
