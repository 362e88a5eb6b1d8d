import { useMemo, useState } from 'react'
import { Timeline } from './timeline'
import { useT } from './i18n'
import { getJson, reportLookupError } from './query'
import { historyValueLabel, type HistoryValueLabel } from './history_values'
import type { HistoryPage } from './record_types'

/**
 * A record's timeline with "add note" (when the user may edit it) and "ver más", which asks
 * the server for entries older than the last one shown (the `before` cursor) and appends them.
 * A failed "ver más" says so; an expired session reloads the page (to the login page).
 * The record's routes are `<baseUrl>/timeline?before=` and `<baseUrl>/notes`.
 */
export function RecordHistory({
  history,
  baseUrl,
  canNote,
  fieldPrefix,
  valueLabel,
  customLabels = {},
}: {
  history: HistoryPage
  baseUrl: string
  /** Whether the user may add a note: the record is within their edit scope. */
  canNote: boolean
  /** Lang prefix of the record's field labels (`crm.fields`: `crm.fields.<field>`). */
  fieldPrefix: string
  /** How a changed value reads (built with historyValueLabel); keep it stable (useMemo). */
  valueLabel?: HistoryValueLabel
  /** `cf.<key>` → label of the record's custom fields. */
  customLabels?: Record<string, string>
}) {
  const { t } = useT()
  const plain = useMemo(() => historyValueLabel(t), [t])
  const [entries, setEntries] = useState(history.entries)
  const [next, setNext] = useState(history.nextBefore)
  // A new note reloads the page's props: start again from the newest entries (adjusted while
  // rendering, when the history differs from the one last seen).
  const [seen, setSeen] = useState(history)
  if (seen !== history) {
    setSeen(history)
    setEntries(history.entries)
    setNext(history.nextBefore)
  }

  const loadMore = async () => {
    if (next === null) return
    try {
      const page = await getJson<HistoryPage>(`${baseUrl}/timeline?before=${next}`)
      setEntries((current) => [...current, ...page.entries])
      setNext(page.nextBefore)
    } catch (error) {
      reportLookupError(error, t)
    }
  }
  return (
    <Timeline
      entries={entries}
      fieldLabel={(field) =>
        field.startsWith('cf.')
          ? (customLabels[field] ?? field.slice(3))
          : t(`${fieldPrefix}.${field}`)
      }
      valueLabel={valueLabel ?? plain}
      noteUrl={canNote ? `${baseUrl}/notes` : undefined}
      hasMore={next !== null}
      onLoadMore={loadMore}
    />
  )
}
