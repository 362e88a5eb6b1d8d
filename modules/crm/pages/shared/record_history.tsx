import { useEffect, useState } from 'react'
import { Timeline, useCan, useT } from '~/ui'
import { getJson } from './query'
import type { History } from './types'

/**
 * A record's timeline with "add note" (when the user may edit it) and "ver más", which asks
 * the server for entries older than the last one shown (the `before` cursor) and appends them.
 */
export function RecordHistory({ history, baseUrl, resource, fieldPrefix }: { history: History; baseUrl: string; resource: string; fieldPrefix: string }) {
  const { t } = useT()
  const can = useCan()
  const [entries, setEntries] = useState(history.entries)
  const [next, setNext] = useState(history.nextBefore)
  // A new note reloads the page's props: start again from the newest entries.
  useEffect(() => {
    setEntries(history.entries)
    setNext(history.nextBefore)
  }, [history])

  const loadMore = async () => {
    if (next === null) return
    const page = await getJson<History>(`${baseUrl}/timeline?before=${next}`)
    setEntries((current) => [...current, ...page.entries])
    setNext(page.nextBefore)
  }
  return (
    <Timeline
      entries={entries}
      fieldLabel={(field) => t(`${fieldPrefix}.${field}`)}
      noteUrl={can(`${resource}.edit`) ? `${baseUrl}/notes` : undefined}
      hasMore={next !== null}
      onLoadMore={loadMore}
    />
  )
}
