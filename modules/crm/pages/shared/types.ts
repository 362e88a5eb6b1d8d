/** What the CRM pages receive from the server (plain DTOs, never models). */
import type { TimelineEntry } from '~/ui'

export interface Option {
  value: string
  label: string
}

/** A value of an editable list; `active: false` for one kept because a record holds it. */
export interface ListOption extends Option {
  active: boolean
}

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

export interface Channel {
  label: string | null
  value: string
  primary: boolean
}

export interface Address {
  kind: string
  street: string | null
  postalCode: string | null
  city: string | null
  province: string | null
  country: string
}

export interface History {
  entries: TimelineEntry[]
  nextBefore: number | null
}

export interface CappedCount {
  value: number
  capped: boolean
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
