import { useMemo, useState } from 'react'
import { Timeline, useT } from '~/ui'
import { getJson, reportLookupError } from './query'
import { historyValueLabel } from './history_values'
import type { CatalogLabels, History } from './types'

/**
 * A record's timeline with "add note" (when the user may edit it) and "ver más", which asks
 * the server for entries older than the last one shown (the `before` cursor) and appends them.
 * A failed "ver más" says so; an expired session reloads the page (to the login page).
 */
export function RecordHistory({
  history,
  baseUrl,
  canNote,
  fieldPrefix,
  labels,
  customLabels = {},
}: {
  history: History
  baseUrl: string
  /** Whether the user may add a note: the record is within their edit scope. */
  canNote: boolean
  fieldPrefix: string
  /** Labels of the record's list codes (companies). */
  labels?: CatalogLabels
  /** `cf.<key>` → label of the record's custom fields. */
  customLabels?: Record<string, string>
}) {
  const { t, locale } = useT()
  const [entries, setEntries] = useState(history.entries)
  const [next, setNext] = useState(history.nextBefore)
  const valueLabel = useMemo(() => historyValueLabel(t, locale, labels), [t, locale, labels])
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
      const page = await getJson<History>(`${baseUrl}/timeline?before=${next}`)
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
      valueLabel={valueLabel}
      noteUrl={canNote ? `${baseUrl}/notes` : undefined}
      hasMore={next !== null}
      onLoadMore={loadMore}
    />
  )
}
