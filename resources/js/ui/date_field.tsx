import { DatePickerInput, type DatePickerInputProps } from '@mantine/dates'

/*
 * A date picked from a calendar, shown as the app shows dates (dd/mm/yyyy, in Spanish and
 * English alike: app/settings/format.ts), with month and day names in the user's language
 * (DatesProvider in app.tsx). Value and onChange speak ISO dates (YYYY-MM-DD) or null.
 */
export const DATE_FIELD_FORMAT = 'DD/MM/YYYY'

type Props = Omit<DatePickerInputProps<'default'>, 'value' | 'onChange' | 'type'> & {
  value: string | null
  onChange: (value: string | null) => void
}

export function DateField({ value, onChange, ...props }: Props) {
  return (
    <DatePickerInput
      clearable
      valueFormat={DATE_FIELD_FORMAT}
      {...props}
      value={value || null}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
    />
  )
}
