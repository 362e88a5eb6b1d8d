/** Type-only shapes of custom fields as the server sends them (app/custom_fields/forms.ts). */
export type CustomFieldType =
  | 'text'
  | 'long_text'
  | 'number'
  | 'money'
  | 'date'
  | 'boolean'
  | 'list'
  | 'multi_list'
  | 'user'
  | 'link'

export type CustomFieldValue = string | number | boolean | string[] | null

/** A field of a create/edit form. */
export interface CustomFieldInput {
  key: string
  label: string
  type: CustomFieldType
  required: boolean
  decimals: number
  options: { value: string; label: string }[]
}

/** A field's value on a record page. */
export interface CustomFieldDisplay {
  key: string
  label: string
  type: CustomFieldType
  value: CustomFieldValue
  /** Readable text of choices and users. */
  text: string | null
}

/** A field a list offers as a column, filter and sort. */
export interface CustomFieldColumn {
  key: string
  label: string
  type: CustomFieldType
  options: { value: string; label: string }[]
  /** Whether the list can sort by it (`sort=cf_<key>` / `-cf_<key>`). */
  sortable?: boolean
}
