import type { FieldOption, FieldType } from '../../custom_fields/types.js'

/** A custom field as Administración › Campos personalizados lists and edits it. */
export interface AdminField {
  id: number
  key: string
  label: string
  type: FieldType
  required: boolean
  showInList: boolean
  active: boolean
  decimals: number
  choices: FieldOption[]
  /** Records holding a value. */
  used: number
}

/** Props of the page admin/custom_fields/index. */
export interface CustomFieldsPageProps {
  resources: { key: string; label: string }[]
  current: string | null
  fields: AdminField[]
}
