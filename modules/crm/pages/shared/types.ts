/** What the CRM pages receive from the server (plain DTOs, never models). */
import type { TimelineEntry } from '~/ui'

export interface Option {
  value: string
  label: string
}

export interface Catalog {
  types: string[]
  industries: string[]
  addressKinds: string[]
  provinces: string[]
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
