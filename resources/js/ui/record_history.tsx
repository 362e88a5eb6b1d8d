import { useMemo, useState } from 'react'
import { Chip, Group, Stack } from '@mantine/core'
import { Timeline } from './timeline'
import { useT } from './i18n'
import { getJson, reportLookupError } from './query'
import { historyValueLabel, type HistoryValueLabel } from './history_values'
import type { HistoryPage } from './record_types'

/**
 * A record's timeline with "add note" (when the user may edit it) and "ver más", which asks
 * the server for entries older than the last one shown (the `before` cursor) and appends them.
 * A failed "ver más" says so; an expired session reloads the page (to the login page).
 * The record's routes are `<baseUrl>/timeline?before=&kind=` and `<baseUrl>/notes`.
 * `filters` (the server's timeline filters, app/history/kinds.ts) adds chips above it: one
 * kind at a time, read from the server (`kind=<key>`), "Todo" for every kind.
 */
export interface TimelineFilterChip {
  key: string
  /** i18n key of the chip's label. */
  label: string
}

export function RecordHistory({
  history,
  baseUrl,
  canNote,
  fieldPrefix,
  valueLabel,
  customLabels = {},
  filters = [],
  openNote,
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
  filters?: TimelineFilterChip[]
  /** A counter: each change opens the note box (the page's "Nueva nota"). */
  openNote?: number
}) {
  const { t } = useT()
  const plain = useMemo(() => historyValueLabel(t), [t])
  const [entries, setEntries] = useState(history.entries)
  const [next, setNext] = useState(history.nextBefore)
  // A new note reloads the page's props: start again from the newest entries (adjusted while
  // rendering, when the history differs from the one last seen).
  const [seen, setSeen] = useState(history)
  const [kind, setKind] = useState('')
  if (seen !== history) {
    // …with every kind again: what was just written shows, whatever the chip.
    setSeen(history)
    setKind('')
    setEntries(history.entries)
    setNext(history.nextBefore)
  }

  async function choose(chip: string) {
    setKind(chip)
    if (chip === '') {
      setEntries(history.entries)
      setNext(history.nextBefore)
      return
    }
    try {
      const page = await getJson<HistoryPage>(`${baseUrl}/timeline?kind=${chip}`)
      setEntries(page.entries)
      setNext(page.nextBefore)
    } catch (error) {
      reportLookupError(error, t)
    }
  }

  const loadMore = async () => {
    if (next === null) return
    try {
      const page = await getJson<HistoryPage>(
        `${baseUrl}/timeline?before=${next}${kind ? `&kind=${kind}` : ''}`
      )
      setEntries((current) => [...current, ...page.entries])
      setNext(page.nextBefore)
    } catch (error) {
      reportLookupError(error, t)
    }
  }
  const timeline = (
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
      openNote={openNote}
      noteButton={openNote === undefined}
      empty={kind ? t('timeline.filters.none') : undefined}
    />
  )
  if (!filters.length) return timeline
  return (
    <Stack gap="sm">
      <Chip.Group value={kind} onChange={(v) => void choose(String(v))}>
        <Group gap={6} role="radiogroup" aria-label={t('timeline.filters.label')}>
          <Chip value="" size="xs" radius="sm">
            {t('timeline.filters.all')}
          </Chip>
          {filters.map((f) => (
            <Chip key={f.key} value={f.key} size="xs" radius="sm">
              {t(f.label)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {timeline}
    </Stack>
  )
}
