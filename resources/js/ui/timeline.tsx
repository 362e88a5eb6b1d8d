import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import {
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Timeline as MTimeline,
} from '@mantine/core'
import {
  IconCalendar,
  IconCheck,
  IconEdit,
  IconLink,
  IconMail,
  IconNote,
  IconPhone,
  IconPaperclip,
  IconPlus,
  IconPoint,
  IconRestore,
  IconSend,
  IconTrash,
} from '@tabler/icons-react'
import { Link, router, useForm } from '@inertiajs/react'
import { hasTranslation, useT } from './i18n'
import { MentionTextarea, NoteText } from './mention_textarea'
import { useFormat } from './format'
import { ConfirmButton } from './confirm_button'
import { onePerDedupeKey, sameSitePath } from './timeline_entries'

/** One entry of the kernel activity history, as the server sends it. */
export interface TimelineEntry {
  id: number
  kind: string
  actorName: string | null
  data: Record<string, any>
  createdAt: string
  /** A note the reader may edit and delete (theirs, or any for an administrator). */
  editable?: boolean
  /** A module kind's title (i18n key from its manifest, receives `{actor}`) and icon name. */
  label?: string
  icon?: string
  /** An entry of a related record shown on this one's timeline (a company's contact). */
  about?: { name: string; href: string }
}

/**
 * Icon names a module may give its timeline kinds (manifest `timelineKinds`); unknown names and
 * kinds without one show a dot.
 */
const ICONS = {
  plus: IconPlus,
  edit: IconEdit,
  note: IconNote,
  trash: IconTrash,
  restore: IconRestore,
  paperclip: IconPaperclip,
  mail: IconMail,
  send: IconSend,
  phone: IconPhone,
  calendar: IconCalendar,
  check: IconCheck,
  link: IconLink,
} as const

/** Ctrl+Enter (⌘+Enter on a Mac) in a note box saves it. */
const saveShortcut = (save: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault()
    save()
  }
}

/** A stored value as plain text: lists joined, objects as JSON. */
function describeTimelineValue(value: unknown): string {
  return Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'object' && value !== null
      ? JSON.stringify(value)
      : String(value)
}

/**
 * A record's activity history. `fieldLabel` turns a field name into its translated label;
 * `valueLabel` (optional) turns a changed value into display text (translated keys, yes/no…),
 * called for each non-empty value, and for each item of a list; without it values show as
 * stored. `noteUrl` (optional) adds a "new note" box posting `{ body }` there; editable notes
 * are changed with PUT and removed with DELETE at `noteUrl/<id>`. Each change of `openNote`
 * (a counter: the page's "Nueva nota") opens the note box and puts the cursor in it.
 */
export function Timeline({
  entries,
  fieldLabel,
  valueLabel,
  noteUrl,
  hasMore,
  onLoadMore,
  reload,
  openNote = 0,
  noteButton = true,
  empty,
}: {
  entries: TimelineEntry[]
  fieldLabel: (field: string) => string
  valueLabel?: (field: string, value: unknown) => string
  noteUrl?: string
  hasMore?: boolean
  onLoadMore?: () => void
  /** Props a note write reloads (a partial reload: `['history', 'flash']`); default all. */
  reload?: string[]
  openNote?: number
  /** Whether the closed note box shows its own "Nueva nota" (not when the page has one). */
  noteButton?: boolean
  /** Text when there is nothing to show (default: no activity yet). */
  empty?: string
}) {
  const { t, locale } = useT()
  const f = useFormat()
  const form = useForm({ body: '' })
  const [open, setOpen] = useState(false)
  const noteBox = useRef<HTMLTextAreaElement>(null)
  // A new request from the page: open (adjusted while rendering), then focus once drawn.
  const [noteAsked, setNoteAsked] = useState(openNote)
  if (noteAsked !== openNote) {
    setNoteAsked(openNote)
    setOpen(true)
  }
  useEffect(() => {
    if (openNote) requestAnimationFrame(() => noteBox.current?.focus())
  }, [openNote])
  const edit = useForm({ body: '' })
  const [editing, setEditing] = useState<number | null>(null)
  const add = () =>
    noteUrl &&
    !form.processing &&
    form.post(noteUrl, {
      preserveScroll: true,
      only: reload,
      onSuccess: () => {
        form.reset()
        setOpen(false)
      },
    })
  const saveEdit = () =>
    noteUrl &&
    editing !== null &&
    !edit.processing &&
    edit.put(`${noteUrl}/${editing}`, {
      preserveScroll: true,
      only: reload,
      onSuccess: () => setEditing(null),
    })
  const startEdit = (e: TimelineEntry) => {
    edit.clearErrors()
    edit.setData('body', String(e.data.body ?? ''))
    setEditing(e.id)
  }

  // A module kind by its manifest label; a kernel kind by timeline.kinds.<kind>; else as stored.
  const title = (e: TimelineEntry) => {
    const key = e.label ?? `timeline.kinds.${e.kind}`
    const actor = e.actorName ?? t('timeline.system')
    return hasTranslation(locale, key) ? t(key, { actor }) : e.kind
  }

  const shown = useMemo(() => onePerDedupeKey(entries), [entries])

  const isEmpty = (value: unknown) => value === null || value === '' || value === undefined
  const describeValue = (field: string, value: unknown) => {
    // A record's owner set back to none reads "Sin asignar" (every module's `owner` field).
    if (isEmpty(value)) return field === 'owner' ? t('common.no_owner') : '—'
    if (!valueLabel) return describeTimelineValue(value)
    return Array.isArray(value)
      ? value.map((item) => valueLabel(field, item)).join(', ')
      : valueLabel(field, value)
  }

  return (
    <Stack gap="sm">
      {noteUrl &&
        (open ? (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              add()
            }}
          >
            <MentionTextarea
              autosize
              minRows={3}
              label={t('timeline.note_label')}
              description={t('timeline.shortcut')}
              value={form.data.body}
              onChange={(e) => form.setData('body', e.currentTarget.value)}
              error={form.errors.body}
              autoFocus
              ref={noteBox}
              onKeyDown={saveShortcut(add)}
              data-testid="note-body"
            />
            <Group justify="flex-end" mt="xs" gap="xs">
              <Button variant="default" size="xs" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" size="xs" loading={form.processing}>
                {t('timeline.add_note')}
              </Button>
            </Group>
          </form>
        ) : (
          noteButton && (
            <Button
              variant="light"
              size="xs"
              leftSection={<IconNote size={14} />}
              onClick={() => setOpen(true)}
              w="fit-content"
            >
              {t('timeline.new_note')}
            </Button>
          )
        ))}
      {shown.length === 0 ? (
        <Text c="dimmed" size="sm">
          {empty ?? t('timeline.empty')}
        </Text>
      ) : (
        <MTimeline bulletSize={24} lineWidth={2}>
          {shown.map((e) => (
            <MTimeline.Item
              key={e.id}
              bullet={
                <ThemeIcon
                  size={22}
                  radius="xl"
                  variant="light"
                  color={e.kind === 'note' ? 'yellow' : 'indigo'}
                >
                  {icon(e)}
                </ThemeIcon>
              }
              title={
                <Text size="sm" fw={500}>
                  {title(e)}
                  {e.about && (
                    <>
                      {' · '}
                      <Anchor component={Link} href={e.about.href} size="sm" fw={500}>
                        {t('timeline.filters.on', { name: e.about.name })}
                      </Anchor>
                    </>
                  )}
                </Text>
              }
            >
              {e.kind === 'note' && editing === e.id && (
                <form
                  onSubmit={(ev) => {
                    ev.preventDefault()
                    saveEdit()
                  }}
                >
                  <MentionTextarea
                    autosize
                    minRows={2}
                    mt={4}
                    aria-label={t('timeline.note_label')}
                    description={t('timeline.shortcut')}
                    value={edit.data.body}
                    onChange={(ev) => edit.setData('body', ev.currentTarget.value)}
                    error={edit.errors.body}
                    autoFocus
                    onKeyDown={saveShortcut(saveEdit)}
                    data-testid="note-edit-body"
                  />
                  <Group justify="flex-end" mt="xs" gap="xs">
                    <Button variant="default" size="xs" onClick={() => setEditing(null)}>
                      {t('common.cancel')}
                    </Button>
                    <Button type="submit" size="xs" loading={edit.processing}>
                      {t('common.save')}
                    </Button>
                  </Group>
                </form>
              )}
              {e.kind === 'note' && editing !== e.id && (
                <Paper withBorder p="xs" mt={4} radius="sm" bg="var(--mantine-color-yellow-0)">
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    <NoteText text={String(e.data.body ?? '')} />
                  </Text>
                  {e.data.editedAt && (
                    <Text size="xs" c="dimmed" mt={2}>
                      {t('timeline.edited', { date: f.dateTime(String(e.data.editedAt)) })}
                    </Text>
                  )}
                </Paper>
              )}
              {e.kind === 'note' && e.editable && noteUrl && editing !== e.id && (
                <Group gap={4} mt={4}>
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    leftSection={<IconEdit size={12} />}
                    onClick={() => startEdit(e)}
                  >
                    {t('common.edit')}
                  </Button>
                  <ConfirmButton
                    label={t('common.delete')}
                    title={t('timeline.delete_note_title')}
                    message={t('timeline.delete_note_message')}
                    variant="subtle"
                    size="compact-xs"
                    leftSection={<IconTrash size={12} />}
                    onConfirm={() =>
                      router.delete(`${noteUrl}/${e.id}`, { preserveScroll: true, only: reload })
                    }
                  />
                </Group>
              )}
              {(e.kind === 'updated' || e.kind === 'import_reverted') &&
                Array.isArray(e.data.changes) && (
                  <Stack gap={0} mt={2}>
                    {e.data.changes.map((c: { field: string; from: unknown; to: unknown }) => (
                      <Text key={c.field} size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        <b>{fieldLabel(c.field)}</b>: {describeValue(c.field, c.from)} →{' '}
                        {describeValue(c.field, c.to)}
                      </Text>
                    ))}
                  </Stack>
                )}
              {e.kind !== 'note' &&
                e.kind !== 'updated' &&
                e.kind !== 'import_reverted' &&
                typeof e.data.summary === 'string' &&
                (sameSitePath(e.data.href) ? (
                  <Anchor
                    component={Link}
                    href={e.data.href}
                    size="xs"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {e.data.summary}
                  </Anchor>
                ) : (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {e.data.summary}
                  </Text>
                ))}
              <Text size="xs" c="dimmed" mt={2}>
                {f.dateTime(e.createdAt)}
              </Text>
            </MTimeline.Item>
          ))}
        </MTimeline>
      )}
      {hasMore && onLoadMore && (
        <Button variant="subtle" size="xs" onClick={onLoadMore} w="fit-content">
          {t('timeline.more')}
        </Button>
      )}
    </Stack>
  )
}

function icon({ kind, icon: name }: TimelineEntry) {
  const Declared = name ? ICONS[name as keyof typeof ICONS] : undefined
  if (Declared) return <Declared size={13} />
  if (kind === 'created') return <IconPlus size={13} />
  if (kind === 'updated') return <IconEdit size={13} />
  if (kind === 'note') return <IconNote size={13} />
  if (kind === 'note_deleted' || kind === 'binned') return <IconTrash size={13} />
  if (kind === 'restored') return <IconRestore size={13} />
  if (kind.startsWith('document_')) return <IconPaperclip size={13} />
  return <IconPoint size={13} />
}
