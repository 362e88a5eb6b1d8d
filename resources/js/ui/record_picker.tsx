import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { Select, type SelectProps } from '@mantine/core'
import { useT } from './i18n'
import { getJson, reportLookupError } from './query'
import type { Option } from './record_types'

/**
 * A searchable select of records the server finds as the user types (there may be thousands):
 * `searchUrl` answers `?q=<text>` with `[{ value, label }]`. It is Mantine's Select, so the
 * keyboard works as in any select (arrows, Enter, Escape) and it is labelled like one.
 * `initial` holds the selected record's option (its label may be empty when the user may not
 * see it: `hiddenLabel` is shown instead). A failed lookup keeps the current options and says
 * so; an expired session reloads the page (to the login page).
 */
export function RecordPicker({
  searchUrl,
  initial,
  value,
  onChange,
  hiddenLabel,
  nothingFound,
  ...props
}: Omit<SelectProps, 'data' | 'onChange' | 'value'> & {
  searchUrl: string
  initial: Option[]
  value: string | null
  onChange: (value: string | null) => void
  /** Label of a selected record the user may not see. */
  hiddenLabel?: string
  /** What the dropdown says when the search finds nothing. */
  nothingFound?: string
}) {
  const { t } = useT()
  const withLabels = (list: Option[]) =>
    list.map((o) => (o.label ? o : { ...o, label: hiddenLabel ?? t('ui.picker.hidden') }))
  const [options, setOptions] = useState<Option[]>(withLabels(initial))
  const [search, setSearch] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const selected = useRef<Option[]>(withLabels(initial))

  // What a lookup's answer does reads the current value and locale; only the search starts one.
  const showFound = useEffectEvent((found: Option[]) => {
    // Keep the selected record among the options so its label stays visible.
    const keep = selected.current.filter(
      (o) => o.value === value && !found.some((f) => f.value === o.value)
    )
    setOptions([...keep, ...found])
  })
  // The select keeps its current options; the user is told (or, signed out, sent to log in).
  const showError = useEffectEvent((error: unknown) => reportLookupError(error, t))

  useEffect(() => {
    clearTimeout(timer.current)
    const separator = searchUrl.includes('?') ? '&' : '?'
    timer.current = setTimeout(async () => {
      try {
        showFound(
          await getJson<Option[]>(`${searchUrl}${separator}q=${encodeURIComponent(search)}`)
        )
      } catch (error) {
        showError(error)
      }
    }, 200)
    return () => clearTimeout(timer.current)
  }, [search, searchUrl])

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
      nothingFoundMessage={nothingFound ?? t('ui.picker.search')}
      onChange={(v) => {
        selected.current = options.filter((o) => o.value === v)
        onChange(v)
      }}
    />
  )
}
