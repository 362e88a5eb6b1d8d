import { useFormat } from '../format'
import { useT } from '../i18n'
import type { CustomFieldType, CustomFieldValue } from './types'

/** A custom field's value as text: formatted numbers, money, dates, yes/no; `—` when empty. */
export function useCustomValueText() {
  const { t } = useT()
  const format = useFormat()
  return (type: CustomFieldType, value: CustomFieldValue, text?: string | null): string => {
    if (value === null || value === undefined || value === '') return '—'
    if (Array.isArray(value) && !value.length) return '—'
    if (text) return text
    switch (type) {
      case 'boolean':
        return value ? t('custom_fields.yes') : t('custom_fields.no')
      case 'money':
        return format.money(String(value).replace('.', ''))
      case 'number': {
        const digits = String(value).split('.')[1]?.length ?? 0
        return format.number(Number(value), digits)
      }
      case 'date':
        return format.date(`${String(value)}T12:00:00Z`)
      default:
        return Array.isArray(value) ? value.join(', ') : String(value)
    }
  }
}
