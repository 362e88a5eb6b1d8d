/*
 * Type-only shapes the CRM's actions send to its pages (ARCHITECTURE §2 and §10): imported with
 * `import type` by both sides, so a page and its controller can never disagree. Only types here
 * (the `dto-only-types` boundary rule checks it).
 */

import type { Address, Channel, Option } from '../../../app/ui/record_shapes.js'

// Options, phones, e-mails and addresses are the kernel's (app/ui/record_shapes.ts).
export type { Option }
export type {
  AddressValue,
  EmailValue,
  PhoneValue,
  TagChip,
} from '../../../app/ui/record_shapes.js'

/** A value of an editable list; `active: false` for one kept because a record holds it. */
export interface ListOption extends Option {
  active: boolean
}

/** What the list and form pages need to draw selects, in the reader's language. */
export interface Catalog {
  types: ListOption[]
  industries: ListOption[]
  zones: ListOption[]
  statuses: ListOption[]
  sizes: ListOption[]
  addressKinds: string[]
  provinces: string[]
}

/** The organization's labels of a company's coded fields (deactivated values included). */
export type CatalogLabels = {
  type: Record<string, string>
  industry: Record<string, string>
  zone: Record<string, string>
  status: Record<string, string>
  size: Record<string, string>
}

/** A phone or e-mail as a detail page shows it. */
export type ChannelDto = Channel

/** A postal address as a detail page shows it. */
export type AddressDto = Address

/** What the user may do with the record shown. */
export interface RecordActions {
  edit: boolean
  delete: boolean
}
