import { useState } from 'react'
import { Group, MultiSelect, Select, TextInput } from '@mantine/core'
import type { Column } from '../data_table'
import { useT } from '../i18n'
import type { CustomFieldColumn, CustomFieldValue } from './types'
import { useCustomValueText } from './value_text'

type WithCustom = { custom?: Record<string, CustomFieldValue> }

/** The list's columns of custom fields (`show_in_list`), after the built-in ones. */
export function useCustomColumns<Row extends WithCustom>(
  fields: CustomFieldColumn[]
): Column<Row>[] {
  const text = useCustomValueText()
  return fields.map((f) => {
    const labels = new Map(f.options.map((o) => [o.value, o.label]))
    return {
      key: `cf_${f.key}`,
      header: f.label,
      hideOnMobile: true,
      render: (row: Row) => {
        const value = row.custom?.[f.key] ?? null
        const named = Array.isArray(value)
          ? value.map((v) => labels.get(v) ?? v).join(', ')
          : value !== null && labels.size
            ? (labels.get(String(value)) ?? null)
            : null
        return text(f.type, value, named || null)
      },
    }
  })
}

/** A text box that applies its value when it loses focus or Enter is pressed. */
function LazyInput(props: {
  label: string
  value: string
  onApply: (value: string) => void
  type?: string
  inputMode?: 'decimal'
}) {
  const [value, setValue] = useState(props.value)
  const [seen, setSeen] = useState(props.value)
  if (seen !== props.value) {
    setSeen(props.value)
    setValue(props.value)
  }
  return (
    <TextInput
      aria-label={props.label}
      placeholder={props.label}
      type={props.type}
      inputMode={props.inputMode}
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={() => value !== props.value && props.onApply(value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault()
          props.onApply(value)
        }
      }}
      style={{ flex: 1 }}
    />
  )
}

/**
 * Filter inputs of the listed custom fields, on the list's URL parameters (`cf_<key>`,
 * `cf_<key>_from`, `cf_<key>_to`): text contains, number/money/date ranges, yes/no, user, and
 * "any of" for lists.
 */
export function CustomFilterInputs({
  fields,
  values,
  onChange,
}: {
  fields: CustomFieldColumn[]
  values: Record<string, string>
  onChange: (patch: Record<string, string>) => void
}) {
  const { t } = useT()
  return (
    <>
      {fields.map((f) => {
        const name = `cf_${f.key}`
        const value = values[name] ?? ''
        switch (f.type) {
          case 'number':
          case 'money':
          case 'date':
            return (
              <Group key={f.key} gap={4} wrap="nowrap">
                {(['from', 'to'] as const).map((end) => (
                  <LazyInput
                    key={end}
                    label={`${f.label} (${t(`custom_fields.${end}`)})`}
                    type={f.type === 'date' ? 'date' : 'text'}
                    inputMode={f.type === 'date' ? undefined : 'decimal'}
                    value={values[`${name}_${end}`] ?? ''}
                    onApply={(v) => onChange({ [`${name}_${end}`]: v })}
                  />
                ))}
              </Group>
            )
          case 'boolean':
            return (
              <Select
                key={f.key}
                aria-label={f.label}
                placeholder={f.label}
                clearable
                data={[
                  { value: 'yes', label: `${f.label}: ${t('custom_fields.yes')}` },
                  { value: 'no', label: `${f.label}: ${t('custom_fields.no')}` },
                ]}
                value={value || null}
                onChange={(v) => onChange({ [name]: v ?? '' })}
              />
            )
          case 'user':
            return (
              <Select
                key={f.key}
                aria-label={f.label}
                placeholder={f.label}
                clearable
                searchable
                data={f.options}
                value={value || null}
                onChange={(v) => onChange({ [name]: v ?? '' })}
              />
            )
          case 'list':
          case 'multi_list':
            return (
              <MultiSelect
                key={f.key}
                aria-label={f.label}
                placeholder={value ? undefined : f.label}
                clearable
                data={f.options}
                value={value ? value.split(',') : []}
                onChange={(v) => onChange({ [name]: v.join(',') })}
              />
            )
          default:
            return (
              <LazyInput
                key={f.key}
                label={f.label}
                value={value}
                onApply={(v) => onChange({ [name]: v })}
              />
            )
        }
      })}
    </>
  )
}

/** Which pair of sort labels a type uses: A-Z for text, names and users. */
const SORT_WORDS: Partial<Record<CustomFieldColumn['type'], string>> = {
  number: 'number_',
  money: 'number_',
  date: 'date_',
  boolean: 'boolean_',
  list: 'list_',
}

/**
 * The sort choices of the listed custom fields, both ways (`cf_<key>` ascending, `-cf_<key>`
 * descending; empty values last ascending, first descending), for the list's sort control.
 */
export function useCustomSorts(fields: CustomFieldColumn[]): { value: string; label: string }[] {
  const { t } = useT()
  return fields
    .filter((f) => f.sortable)
    .flatMap((f) => {
      const words = SORT_WORDS[f.type] ?? ''
      return [
        { value: `cf_${f.key}`, label: t(`custom_fields.sort.${words}asc`, { label: f.label }) },
        { value: `-cf_${f.key}`, label: t(`custom_fields.sort.${words}desc`, { label: f.label }) },
      ]
    })
}
