import type { TimelineEntry } from './timeline'

/** Shapes the shared record widgets (fields, detail lines, pickers, history) work with. */

/** A select option: the value sent to the server and the label shown. */
export interface Option {
  value: string
  label: string
}

/** A phone or e-mail as a detail page shows it. */
export interface Channel {
  label: string | null
  value: string
  primary: boolean
}

/** A postal address as a detail page shows it. */
export interface Address {
  kind: string
  street: string | null
  postalCode: string | null
  city: string | null
  province: string | null
  country: string
}

/** One page of a record's history; `nextBefore` is the cursor of the older entries (or null). */
export interface HistoryPage {
  entries: TimelineEntry[]
  nextBefore: number | null
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
