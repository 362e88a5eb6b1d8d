import { useT } from '../i18n'
import { InlineField, type InlineFieldKind } from '../inline_field'
import type { CustomFieldDisplay, CustomFieldInput } from './types'
import { useCustomValueText } from './value_text'

const KINDS: Partial<Record<CustomFieldInput['type'], InlineFieldKind>> = {
  text: 'text',
  link: 'text',
  number: 'text',
  money: 'text',
  date: 'text',
  long_text: 'textarea',
  list: 'select',
  user: 'select',
  boolean: 'select',
}

/**
 * A record's custom fields edited in place (`cf.<key>` at the record's field endpoint). `inputs`
 * (what the edit form offers: choices, users) is empty when the user may not edit: the values
 * then read as text. Multiple choices keep the full form.
 */
export function CustomFieldsInline({
  fields,
  inputs,
  url,
  onSaved,
}: {
  fields: CustomFieldDisplay[]
  inputs: CustomFieldInput[]
  url: string
  onSaved?: () => void
}) {
  const { t } = useT()
  const text = useCustomValueText()
  return (
    <>
      {fields.map((f) => {
        const input = inputs.find((i) => i.key === f.key)
        const kind = input ? KINDS[f.type] : undefined
        const options =
          f.type === 'boolean'
            ? [
                { value: 'true', label: t('custom_fields.yes') },
                { value: 'false', label: t('custom_fields.no') },
              ]
            : (input?.options ?? [])
        const value =
          f.value === null || f.value === undefined || Array.isArray(f.value)
            ? Array.isArray(f.value) && f.value.length
              ? f.value.join(', ')
              : null
            : String(f.value)
        return (
          <InlineField
            key={f.key}
            name={`cf.${f.key}`}
            label={f.label}
            url={url}
            value={value}
            kind={kind ?? 'text'}
            options={options}
            clearable={!input?.required}
            readOnly={!kind}
            onSaved={onSaved}
            render={
              kind === 'select'
                ? undefined
                : (v) =>
                    v === value && f.text
                      ? f.text
                      : text(f.type, f.type === 'boolean' ? v === 'true' : v, null)
            }
          />
        )
      })}
    </>
  )
}
