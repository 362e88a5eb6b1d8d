/** Client pieces of custom fields (app/custom_fields): form section, record details, list cells. */
export { CustomFieldsSection } from './form_section'
export { CustomFieldDetails } from './details'
export { useCustomValueText } from './value_text'
export type {
  CustomFieldColumn,
  CustomFieldDisplay,
  CustomFieldInput,
  CustomFieldType,
  CustomFieldValue,
} from './types'
export { useCustomColumns, useCustomSorts, CustomFilterInputs } from './list'
export { CustomFieldsInline } from './inline'
