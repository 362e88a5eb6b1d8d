import { usePage } from '@inertiajs/react'
import {
  Checkbox,
  Grid,
  MultiSelect,
  Paper,
  Select,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import { useT } from '../i18n'
import type { SharedProps } from '../types'
import type { CustomFieldInput, CustomFieldValue } from './types'

type Values = Record<string, CustomFieldValue>

/**
 * The "Custom fields" section of a create/edit form. Values go under `customFields` in the
 * submitted data; server errors arrive as `customFields.<key>` and show under each field.
 */
export function CustomFieldsSection({
  fields,
  values,
  onChange,
  errors,
}: {
  fields: CustomFieldInput[]
  values: Values
  onChange: (values: Values) => void
  errors: Record<string, string | undefined>
}) {
  const { t } = useT()
  const currency = usePage<SharedProps>().props.shell.organization?.currency ?? 'EUR'
  if (!fields.length) return null
  const set = (key: string, value: CustomFieldValue) => onChange({ ...values, [key]: value })
  return (
    <Paper withBorder radius="md" p="md" data-testid="custom-fields">
      <Title order={5} mb="sm">
        {t('custom_fields.section')}
      </Title>
      <Grid gap="sm">
        {fields.map((f) => {
          const common = {
            'label': f.label,
            'required': f.required,
            'error': errors[`customFields.${f.key}`],
            'data-testid': `cf-${f.key}`,
          }
          const raw = values[f.key]
          const text = raw === null || raw === undefined ? '' : String(raw)
          let input
          switch (f.type) {
            case 'long_text':
              input = (
                <Textarea
                  {...common}
                  autosize
                  minRows={2}
                  value={text}
                  onChange={(e) => set(f.key, e.currentTarget.value)}
                />
              )
              break
            case 'number':
            case 'money':
              input = (
                <TextInput
                  {...common}
                  inputMode="decimal"
                  value={text}
                  rightSection={f.type === 'money' ? currency : undefined}
                  rightSectionWidth={f.type === 'money' ? 48 : undefined}
                  onChange={(e) => set(f.key, e.currentTarget.value)}
                />
              )
              break
            case 'date':
              input = (
                <DatePickerInput
                  {...common}
                  value={text || null}
                  valueFormat="DD/MM/YYYY"
                  clearable
                  onChange={(v) => set(f.key, v ? String(v).slice(0, 10) : null)}
                />
              )
              break
            case 'boolean':
              input = (
                <Checkbox
                  {...common}
                  mt={{ sm: 28 }}
                  checked={raw === true}
                  onChange={(e) => set(f.key, e.currentTarget.checked)}
                />
              )
              break
            case 'list':
            case 'user':
              input = (
                <Select
                  {...common}
                  data={f.options}
                  value={text || null}
                  searchable={f.options.length > 8}
                  clearable={!f.required}
                  onChange={(v) => set(f.key, f.type === 'user' && v ? Number(v) : v)}
                />
              )
              break
            case 'multi_list':
              input = (
                <MultiSelect
                  {...common}
                  data={f.options}
                  value={Array.isArray(raw) ? raw : []}
                  clearable
                  onChange={(v) => set(f.key, v)}
                />
              )
              break
            default:
              input = (
                <TextInput
                  {...common}
                  type={f.type === 'link' ? 'url' : 'text'}
                  maxLength={255}
                  placeholder={f.type === 'link' ? 'https://' : undefined}
                  value={text}
                  onChange={(e) => set(f.key, e.currentTarget.value)}
                />
              )
          }
          return (
            <Grid.Col key={f.key} span={{ base: 12, sm: f.type === 'long_text' ? 12 : 6 }}>
              {input}
            </Grid.Col>
          )
        })}
      </Grid>
    </Paper>
  )
}
