import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import {
  Box,
  Button,
  Group,
  Select,
  Text,
  TextInput,
  Textarea,
  VisuallyHidden,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPencil } from '@tabler/icons-react'
import { useT } from './i18n'
import { apiJson, type ApiResult } from './api'
import type { Option } from './record_types'

/** A refused or failed save: the server's translated message (or a generic one). */
export class FieldSaveError extends Error {
  constructor(
    message: string,
    readonly expired = false
  ) {
    super(message)
  }
}

/**
 * Saves one field of a record: `PATCH url` with `{ field, value }` (#app/support/inline_field).
 * Resolves with the value as stored; rejects with a FieldSaveError holding the server's message.
 */
export async function saveField(url: string, field: string, value: unknown): Promise<unknown> {
  return (await patchField(url, { field, value }))?.value
}

/** What a field save answers: the value as stored and the token of its undo. */
interface FieldSaved {
  value?: unknown
  undo?: string
}

/**
 * The request of a save, or of an undo: `{ field, undo: true, expected, token }` restores the
 * value held before the edit that stored `expected` (the server checks nothing changed since).
 */
async function patchField(url: string, body: Record<string, unknown>): Promise<FieldSaved | null> {
  let answer: ApiResult<FieldSaved>
  try {
    answer = await apiJson<FieldSaved>('PATCH', url, body)
  } catch {
    throw new FieldSaveError('')
  }
  if (answer.status === 401) throw new FieldSaveError('', true)
  if (!answer.ok) throw new FieldSaveError(String(answer.body.errors?.[0]?.message ?? ''))
  return answer.body
}

/** The value of `emptyOption`'s choice (never a real option's value). */
const EMPTY_CHOICE = '__empty__'

export type InlineFieldKind = 'text' | 'textarea' | 'select'

export interface InlineFieldProps {
  /** The field's label (also names it in messages and the undo toast). */
  label: string
  /** The field as the endpoint names it (`industry`, `cf.<key>`). */
  name: string
  /** The current value, as text (a select's option value); null when empty. */
  value: string | null
  /** The record's field endpoint (`/crm/companies/1/field`). */
  url: string
  kind?: InlineFieldKind
  /** Choices of a select. */
  options?: Option[]
  /** Whether a select may be emptied. */
  clearable?: boolean
  /**
   * A select's first choice that empties the field, and how an empty value reads (e.g. the
   * owner's "Sin asignar").
   */
  emptyOption?: string
  /** How a value reads (a link, a badge); default: the text, or the option's label. */
  render?: (value: string | null) => ReactNode
  /** Shown as plain text, without editor (no edit permission). */
  readOnly?: boolean
  /** After a save or an undo reached the server (e.g. reload the page's props). */
  onSaved?: () => void
  /**
   * Compact (a list's cell): no label shown; `editLabel` names the editor instead (read by
   * screen readers, e.g. "Editar Tipo de Acme").
   */
  compact?: boolean
  /** What the editor is called (default "Editar <label>"). */
  editLabel?: string
}

/**
 * A field edited in place (record pages, later lists). Click or Enter opens its editor; Enter
 * or leaving it saves, Esc cancels, Tab saves and moves on. The new value shows at once; when
 * the server refuses it, the old value comes back and the reason is announced under the field.
 * A saved change offers "Deshacer" in a toast, which saves the previous value again.
 */
export function InlineField({
  label,
  name,
  value,
  url,
  kind = 'text',
  options = [],
  clearable = false,
  emptyOption,
  render,
  readOnly = false,
  onSaved,
  compact = false,
  editLabel,
}: InlineFieldProps) {
  const { t } = useT()
  const id = useId()
  const [shown, setShown] = useState(value)
  const [seen, setSeen] = useState(value)
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(value ?? '')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  // A select's search box starts empty (its placeholder shows the current value).
  const [search, setSearch] = useState('')
  const displayRef = useRef<HTMLDivElement>(null)
  const toasts = useRef(0)
  // New props (a reload after saving): show what the server holds.
  if (seen !== value) {
    setSeen(value)
    setShown(value)
  }

  const text = (v: string | null) =>
    kind === 'select' ? (options.find((o) => o.value === v)?.label ?? v) : v
  const choices =
    kind === 'select' && emptyOption
      ? [{ value: EMPTY_CHOICE, label: emptyOption }, ...options]
      : options
  const display = (v: string | null) => {
    if (v === null || v === '') return null
    return render ? render(v) : text(v)
  }

  const open = () => {
    if (readOnly) return
    setDraft(shown ?? '')
    setSearch('')
    setError(null)
    setEditing(true)
  }

  /** Saves `next`; with `undo` (the edit being undone), restores the value held before it. */
  const send = async (
    next: string | null,
    previous: string | null,
    undo?: { expected: unknown; token: string }
  ) => {
    setShown(next)
    setSaving(true)
    try {
      const saved = await patchField(
        url,
        undo ? { field: name, value: next, undo: true, ...undo } : { field: name, value: next }
      )
      setError(null)
      onSaved?.()
      if (undo) {
        notifications.show({ message: t('ui.inline.undone', { field: label }), autoClose: 4000 })
        return
      }
      const token = saved?.undo
      if (!token) return
      const toast = `inline-${id}-${++toasts.current}`
      notifications.show({
        id: toast,
        autoClose: 8000,
        message: (
          <Group gap="sm" justify="space-between" wrap="nowrap">
            <Text size="sm">{t('ui.inline.saved', { field: label })}</Text>
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => {
                notifications.hide(toast)
                void send(previous, next, { expected: saved?.value ?? null, token })
              }}
            >
              {t('ui.inline.undo')}
            </Button>
          </Group>
        ),
      })
    } catch (failure) {
      if (failure instanceof FieldSaveError && failure.expired) {
        window.location.reload()
        return
      }
      setShown(previous)
      const reason = failure instanceof FieldSaveError && failure.message ? failure.message : ''
      setError(reason || t('ui.load_failed'))
    } finally {
      setSaving(false)
    }
  }

  const commit = (raw: string | null, refocus = true) => {
    setEditing(false)
    const next = raw === null || raw.trim() === '' ? null : raw
    if (refocus) requestAnimationFrame(() => displayRef.current?.focus())
    if ((next ?? '') === (shown ?? '')) return
    void send(next, shown)
  }

  const cancel = () => {
    setEditing(false)
    requestAnimationFrame(() => displayRef.current?.focus())
  }

  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      cancel()
    } else if (kind === 'select' && e.key === 'Enter') {
      // Enter picks the highlighted option: the select's onChange saves it.
      return
    } else if (e.key === 'Enter' && (kind !== 'textarea' || e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      commit(draft)
    } else if (e.key === 'Tab') {
      // Saved, and the focus moves on to the next (Shift: previous) field of the page.
      e.preventDefault()
      commit(draft, false)
      const back = e.shiftKey
      requestAnimationFrame(() => {
        const all = Array.from(document.querySelectorAll<HTMLElement>('.inline-field-display'))
        const here = displayRef.current
        const at = here ? all.indexOf(here) : -1
        ;(all[at + (back ? -1 : 1)] ?? here)?.focus()
      })
    }
  }

  const errorId = `${id}-error`
  const labelId = `${id}-label`
  const valueId = `${id}-value`

  let editor: ReactNode = null
  if (editing && kind === 'select') {
    editor = (
      <Select
        aria-labelledby={labelId}
        data={choices}
        value={null}
        placeholder={text(shown) ?? emptyOption}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        clearable={clearable}
        selectFirstOptionOnChange
        defaultDropdownOpened
        autoFocus
        size="xs"
        comboboxProps={{ withinPortal: true }}
        onChange={(v) => commit(v === EMPTY_CHOICE ? null : v)}
        onKeyDown={keys}
        onBlur={() => setEditing(false)}
        data-inline-editor={name}
      />
    )
  } else if (editing && kind === 'textarea') {
    editor = (
      <Textarea
        aria-labelledby={labelId}
        autosize
        minRows={2}
        value={draft}
        autoFocus
        size="xs"
        description={t('timeline.shortcut')}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={keys}
        onBlur={() => commit(draft, false)}
        data-inline-editor={name}
      />
    )
  } else if (editing) {
    editor = (
      <TextInput
        aria-labelledby={labelId}
        value={draft}
        autoFocus
        size="xs"
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={keys}
        onBlur={() => commit(draft, false)}
        data-inline-editor={name}
      />
    )
  }

  const shownNode = display(shown)
  return (
    <div data-inline-field={name}>
      {compact ? (
        <VisuallyHidden id={labelId}>{editLabel ?? label}</VisuallyHidden>
      ) : (
        <Text id={labelId} size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
      )}
      {editor ?? (
        <Box
          ref={displayRef}
          role={readOnly ? undefined : 'button'}
          tabIndex={readOnly ? undefined : 0}
          aria-label={readOnly ? undefined : (editLabel ?? t('ui.inline.edit', { field: label }))}
          // In a cell the name says what is edited ("Editar Tipo de Acme"): the value describes it.
          aria-describedby={
            [compact && !readOnly ? valueId : null, error ? errorId : null]
              .filter(Boolean)
              .join(' ') || undefined
          }
          aria-busy={saving || undefined}
          title={readOnly ? undefined : t('ui.inline.hint')}
          onClick={open}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'F2') {
              e.preventDefault()
              open()
            }
          }}
          className={readOnly ? undefined : 'inline-field-display'}
          style={{
            cursor: readOnly ? undefined : 'text',
            borderRadius: 'var(--mantine-radius-sm)',
            marginInline: readOnly ? undefined : -4,
            paddingInline: readOnly ? undefined : 4,
            minHeight: 22,
            display: 'flex',
            alignItems: 'center',
            gap: 6,
          }}
        >
          <Text
            size="sm"
            component="div"
            style={{
              // In a list's cell the cell decides (one line when compact), and words never
              // break inside: `anywhere` would let the table squeeze the column to a letter.
              overflowWrap: compact ? 'normal' : 'anywhere',
              whiteSpace: compact ? 'inherit' : 'pre-wrap',
              flex: 1,
              // In a list's cell: the table's size (its density).
              fontSize: compact ? 'inherit' : undefined,
            }}
            id={valueId}
            c={shownNode === null ? 'dimmed' : undefined}
            data-inline-value={name}
          >
            {shownNode ?? emptyOption ?? (readOnly ? '—' : t('ui.inline.empty'))}
          </Text>
          {!readOnly && (
            <IconPencil
              size={12}
              aria-hidden
              className="inline-field-pencil"
              style={{ opacity: 0.45, flexShrink: 0 }}
            />
          )}
        </Box>
      )}
      {error && (
        <Text id={errorId} role="alert" size="xs" c="red.8" mt={2}>
          {t('ui.inline.failed', { field: label, message: error })}
        </Text>
      )}
    </div>
  )
}
