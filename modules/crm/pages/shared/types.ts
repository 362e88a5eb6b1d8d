/** What the CRM pages receive from the server (plain DTOs, never models). */
import type { Option } from '~/ui'

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
