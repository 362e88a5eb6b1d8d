import { useState, type ReactNode } from 'react'
import {
  Autocomplete,
  Badge,
  CloseButton,
  Group,
  MultiSelect,
  TagsInput,
  Text,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconTag } from '@tabler/icons-react'
import { useT } from './i18n'
import { getJson, reportLookupError } from './query'
import { apiJson } from './api'
import type { FilterChip } from './list/types'
import type { TagChip } from '../../../app/ui/record_shapes.js'

export type { TagChip }

/** What a record page gets from the server's `tagsPanel` (app/tags/panel.ts). */
export interface TagsPanelProps {
  tags: TagChip[]
  url: string
  canEdit: boolean
}

/** One tag as a coloured chip; with `onRemove`, a × button named for the tag. */
export function TagBadge({ tag, onRemove }: { tag: TagChip; onRemove?: () => void }) {
  const { t } = useT()
  return (
    <Badge
      color={tag.color}
      variant="light"
      radius="sm"
      tt="none"
      data-testid="tag"
      rightSection={
        onRemove ? (
          <CloseButton
            size="xs"
            variant="transparent"
            aria-label={t('tags.remove', { name: tag.name })}
            onClick={onRemove}
          />
        ) : undefined
      }
    >
      {tag.name}
    </Badge>
  )
}

/** A record's tags, read-only (list cells, phone cards). */
export function TagList({ tags }: { tags?: TagChip[] }) {
  if (!tags?.length) return null
  return (
    // `max-content`: a crowded table must not squeeze the chips to "C…".
    <Group gap={4} wrap="nowrap" w="max-content">
      {tags.map((tag) => (
        <TagBadge key={tag.id} tag={tag} />
      ))}
    </Group>
  )
}

/**
 * A record's tags in its page header: chips, and for those who may edit, a × on each and a box
 * that suggests the organization's tags and creates a new one from what was typed (Enter).
 */
export function RecordTags({
  panel,
  onChanged,
}: {
  panel: TagsPanelProps
  onChanged?: () => void
}) {
  const { t } = useT()
  const [tags, setTags] = useState(panel.tags)
  const [known, setKnown] = useState<TagChip[] | null>(null)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)

  const loadKnown = async () => {
    if (known) return
    try {
      setKnown((await getJson<{ tags: TagChip[] }>('/tags')).tags)
    } catch (error) {
      reportLookupError(error, t)
    }
  }

  const send = async (body: { add?: number[]; create?: string[]; remove?: number[] }) => {
    setBusy(true)
    try {
      const response = await apiJson<{ tags: TagChip[] }>('POST', panel.url, body)
      if (response.status === 401) return window.location.reload()
      const answer = response.body
      if (!response.ok)
        throw new Error(answer.message ?? answer.errors?.[0]?.message ?? String(response.status))
      setTags(answer.tags)
      // A new tag joins the suggestions.
      setKnown(null)
      onChanged?.()
    } catch (error) {
      notifications.show({
        color: 'red',
        message: t('tags.errors.save', { reason: (error as Error).message }),
      })
    } finally {
      setBusy(false)
    }
  }

  const add = (value: string) => {
    const name = value.trim()
    setText('')
    if (!name) return
    const existing = known?.find((k) => k.name.toLowerCase() === name.toLowerCase())
    if (existing && tags.some((tag) => tag.id === existing.id)) return
    void send(existing ? { add: [existing.id] } : { create: [name] })
  }

  const suggestions = (known ?? [])
    .filter((k) => !tags.some((tag) => tag.id === k.id))
    .map((k) => k.name)

  return (
    <Group gap={6} wrap="wrap" aria-label={t('tags.label')} role="group" data-testid="record-tags">
      <IconTag size={16} aria-hidden color="var(--mantine-color-dimmed)" />
      {tags.map((tag) => (
        <TagBadge
          key={tag.id}
          tag={tag}
          onRemove={panel.canEdit && !busy ? () => void send({ remove: [tag.id] }) : undefined}
        />
      ))}
      {!tags.length && !panel.canEdit && (
        <Text size="sm" c="dimmed">
          {t('tags.none')}
        </Text>
      )}
      {panel.canEdit && (
        <Autocomplete
          size="xs"
          w={200}
          aria-label={t('tags.add')}
          placeholder={t('tags.placeholder')}
          data={suggestions}
          value={text}
          onChange={setText}
          onFocus={() => void loadKnown()}
          onOptionSubmit={(value) => add(value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault()
              add(e.currentTarget.value)
            }
          }}
          disabled={busy}
          limit={20}
          data-testid="tag-input"
        />
      )}
    </Group>
  )
}

/** The list's filter by tag: pick one or more (records with any of them). */
export function TagFilterSelect({
  options,
  value,
  onChange,
}: {
  options: TagChip[]
  value: number[]
  onChange: (ids: number[]) => void
}) {
  const { t } = useT()
  if (!options.length) return null
  return (
    <MultiSelect
      aria-label={t('tags.filter')}
      placeholder={value.length ? undefined : t('tags.filter_placeholder')}
      data={options.map((o) => ({ value: String(o.id), label: o.name }))}
      value={value.map(String)}
      onChange={(next) => onChange(next.map(Number))}
      searchable
      clearable
      data-testid="tag-filter"
    />
  )
}

/**
 * The bulk bar's tag picker: to add, names (the organization's suggested, or new ones typed and
 * confirmed with Enter, created on the server); to remove, the organization's tags by id.
 */
export function BulkTagsInput({
  mode,
  tags,
  value,
  onChange,
}: {
  mode: 'add' | 'remove'
  tags: TagChip[]
  value: string[]
  onChange: (value: string[]) => void
}) {
  const { t } = useT()
  if (mode === 'add')
    return (
      <TagsInput
        label={t('tags.label')}
        description={t('bulk.tags_add_help')}
        placeholder={t('tags.placeholder')}
        data={tags.map((tag) => tag.name)}
        value={value}
        onChange={onChange}
        maxTags={20}
        clearable
        data-autofocus
        data-testid="bulk-tags"
      />
    )
  return (
    <MultiSelect
      label={t('tags.label')}
      placeholder={t('tags.filter_placeholder')}
      data={tags.map((tag) => ({ value: String(tag.id), label: tag.name }))}
      value={value}
      onChange={onChange}
      searchable
      maxValues={20}
      data-autofocus
      data-testid="bulk-tags"
    />
  )
}

/**
 * The bulk `tags` action's value for names picked to add: the organization's tags by id, the
 * new names apart (created on the server), so a name like "2024" is never read as an id.
 */
export function bulkTagsToAdd(names: string[], known: TagChip[]) {
  const add: number[] = []
  const create: string[] = []
  for (const name of names) {
    const tag = known.find((k) => k.name.toLowerCase() === name.trim().toLowerCase())
    if (tag) add.push(tag.id)
    else create.push(name)
  }
  return { add, create }
}

/**
 * A list's filter by tag (`tag=` ids, records with any of them), for a page that takes tags:
 * the export's `tag` param, the filter chip and the filter control, from the page's props and
 * its URL setter.
 */
export function useTagFilter({
  value,
  options,
  set,
}: {
  value: number[]
  options: TagChip[]
  set: (patch: Record<string, string | null>) => void
}): { param: string | null; chips: FilterChip[]; control: ReactNode } {
  const { t } = useT()
  const chips: FilterChip[] = value.length
    ? [
        {
          key: 'tag',
          label: `${t('tags.filter')}: ${value
            .map((id) => options.find((o) => o.id === id)?.name ?? id)
            .join(', ')}`,
          remove: { tag: null },
        },
      ]
    : []
  return {
    param: value.join(',') || null,
    chips,
    control: (
      <TagFilterSelect
        options={options}
        value={value}
        onChange={(ids) => set({ tag: ids.join(',') })}
      />
    ),
  }
}
