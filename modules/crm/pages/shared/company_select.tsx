import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { Select, type SelectProps } from '@mantine/core'
import { useT } from '~/ui'
import { getJson, reportLookupError } from './query'
import type { Option } from './types'

/**
 * A searchable select of the companies the user may see. The server searches by name prefix
 * (there may be thousands), so options load as the user types.
 */
export function CompanySelect({
  initial,
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'onChange' | 'value'> & {
  initial: Option[]
  value: string | null
  onChange: (value: string | null) => void
}) {
  const { t } = useT()
  const withLabels = (list: Option[]) =>
    list.map((o) => (o.label ? o : { ...o, label: t('crm.contacts.hidden_company') }))
  const [options, setOptions] = useState<Option[]>(withLabels(initial))
  const [search, setSearch] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const selected = useRef<Option[]>(withLabels(initial))

  // What a lookup's answer does reads the current value and locale; only the search starts one.
  const showFound = useEffectEvent((found: Option[]) => {
    // Keep the selected company among the options so its label stays visible.
    const keep = selected.current.filter(
      (o) => o.value === value && !found.some((f) => f.value === o.value)
    )
    setOptions([...keep, ...found])
  })
  // The select keeps its current options; the user is told (or, signed out, sent to log in).
  const showError = useEffectEvent((error: unknown) => reportLookupError(error, t))

  useEffect(() => {
    clearTimeout(timer.current)
    timer.current = setTimeout(async () => {
      try {
        showFound(await getJson<Option[]>(`/crm/companies/lookup?q=${encodeURIComponent(search)}`))
      } catch (error) {
        showError(error)
      }
    }, 200)
    return () => clearTimeout(timer.current)
  }, [search])

  return (
    <Select
      {...props}
      searchable
      clearable
      filter={({ options: list }) => list}
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={t('crm.contacts.company_search')}
      onChange={(v) => {
        selected.current = options.filter((o) => o.value === v)
        onChange(v)
      }}
    />
  )
}
