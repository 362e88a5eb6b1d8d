/** The kinds of custom field an administrator may add. */
export const FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'money',
  'date',
  'boolean',
  'list',
  'multi_list',
  'user',
  'link',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** A choice of a list or multi-list field. */
export interface FieldOption {
  code: string
  label: string
  active: boolean
}

/** What a field's `options` column holds (JSON). */
export interface FieldOptions {
  /** list / multi_list choices, in the administrator's order. */
  choices?: FieldOption[]
  /** number: decimals accepted (0–6, default 0). */
  decimals?: number
}

/** A custom field as the kernel and modules read it. */
export interface CustomField {
  id: number
  resource: string
  key: string
  label: string
  type: FieldType
  required: boolean
  options: FieldOptions
  showInList: boolean
  position: number
  active: boolean
}

/**
 * A field's value as forms send it and pages receive it: text (text, long text, link, list,
 * date `YYYY-MM-DD`, number and money as decimal strings in major units), a boolean, a user id
 * or a multi-list's codes. `null` (or `[]`) when empty.
 */
export type FieldValue = string | number | boolean | string[] | null

/** key → value of one record's fields. */
export type FieldValues = Record<string, FieldValue>

/** Which typed column holds a field's value. */
export function valueColumn(
  type: FieldType
): 'value_text' | 'value_long' | 'value_number' | 'value_date' {
  switch (type) {
    case 'long_text':
      return 'value_long'
    case 'number':
    case 'money':
    case 'boolean':
    case 'user':
      return 'value_number'
    case 'date':
      return 'value_date'
    default:
      return 'value_text'
  }
}

/** Whether a field's values can be filtered and sorted (long text is not indexed). */
export const filterable = (f: CustomField) => f.type !== 'long_text'
