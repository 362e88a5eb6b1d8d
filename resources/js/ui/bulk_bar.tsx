import { useEffect, useRef, useState } from 'react'
import { router } from '@inertiajs/react'
import {
  Alert,
  Box,
  Button,
  Group,
  Menu,
  Modal,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import {
  IconChevronDown,
  IconFileSpreadsheet,
  IconFileText,
  IconTrash,
  IconUserShare,
  IconEdit,
  IconTag,
  IconTagOff,
  IconX,
} from '@tabler/icons-react'
import { notifications } from '@mantine/notifications'
import { useT } from './i18n'
import { apiJson, downloadPost } from './api'
import { RecordPicker } from './record_picker'
import type { Option } from './record_types'
import { BulkTagsInput, bulkTagsToAdd, type TagChip } from './tags'

/** What the server's `bulkProps` (app/bulk/http.ts) gives a list page for its bar. */
export interface BulkConfig {
  resource: string
  actions: ('owner' | 'field' | 'tags' | 'delete' | 'export')[]
  fields: {
    key: string
    label: string
    /** The label itself (a custom field's), instead of the i18n key `label`. */
    text?: string
    kind: 'select' | 'boolean' | 'text' | 'record'
    options?: Option[]
    lookup?: string
  }[]
  owners: Option[]
  endpoint: string
  exportUrl: string | null
  cap: number
  /** i18n key naming several records mid-sentence ("empresas"). */
  collection?: string | null
  /** The organization's tags, for "Añadir/Quitar etiquetas". */
  tags?: TagChip[]
}

/** What the list's selection hands the bar (resources/js/ui/list/list_view.tsx). */
export interface BulkSelection {
  /** Ids selected on the page (ignored when `allMatching`). */
  ids: number[]
  /** "All N matching": the list's filters decide, on the server. */
  allMatching: boolean
  /** How many are selected (N matching when `allMatching`). */
  count: number
  clear: () => void
}

interface Outcome {
  status: 'queued' | 'running' | 'done' | 'failed'
  runId: number | null
  total: number
  done: number
  changed: number
  unchanged: number
  skipped: Record<string, number>
}

/** The bar's choices: the `tags` action is offered as two, adding and removing. */
type Action = 'owner' | 'field' | 'tags_add' | 'tags_remove' | 'delete'

/**
 * The bar a list shows over its rows while some are selected: "N registros seleccionados", the actions the
 * resource offers the user (change owner, change a field, send to the bin, export), a dialog
 * per action that confirms with the number, the progress of a long action (run as a job on the
 * server and polled here) and what it did ("2 300 cambiadas, 40 omitidas: fuera de su
 * alcance"). `query` is the list's current filters (its query string): with "all matching"
 * they choose the rows. When an action ends the list reloads and the selection clears.
 */
export function BulkBar({
  ids,
  allMatching,
  count,
  clear,
  config,
  query = {},
}: BulkSelection & { config: BulkConfig; query?: Record<string, string> }) {
  const { t } = useT()
  const [action, setAction] = useState<Action | null>(null)
  const noun = t(config.collection ?? 'bulk.records')
  // All matching: a link with the list's query string. A selection: its ids in a POST body (a
  // query string would outgrow the request line past some 2,000 ids).
  const matching = new URLSearchParams(query).toString()
  const exportHref = (format: 'csv' | 'xlsx') =>
    allMatching
      ? `${config.exportUrl}?${matching}${matching ? '&' : ''}format=${format}`
      : undefined
  const exportSelection = (format: 'csv' | 'xlsx') => {
    if (allMatching || !config.exportUrl) return
    downloadPost(config.exportUrl, { ids, format }).catch(() =>
      notifications.show({ color: 'red', message: t('bulk.export_failed') })
    )
  }

  if (!count) return null
  return (
    <Box role="toolbar" aria-label={t('bulk.toolbar')} data-testid="bulk-bar">
      <Group gap="sm" wrap="wrap">
        <Text fw={600} aria-live="polite" data-testid="bulk-count">
          {t('bulk.selected', { count })}
        </Text>
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button
              variant="light"
              rightSection={<IconChevronDown size={14} />}
              data-testid="bulk-actions"
            >
              {t('bulk.actions_menu')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {config.actions.includes('owner') && (
              <Menu.Item
                leftSection={<IconUserShare size={16} />}
                onClick={() => setAction('owner')}
              >
                {t('bulk.actions.owner')}
              </Menu.Item>
            )}
            {config.actions.includes('field') && config.fields.length > 0 && (
              <Menu.Item leftSection={<IconEdit size={16} />} onClick={() => setAction('field')}>
                {t('bulk.actions.field')}
              </Menu.Item>
            )}
            {config.actions.includes('tags') && (
              <>
                <Menu.Item
                  leftSection={<IconTag size={16} />}
                  onClick={() => setAction('tags_add')}
                >
                  {t('bulk.actions.tags_add')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconTagOff size={16} />}
                  onClick={() => setAction('tags_remove')}
                  disabled={!config.tags?.length}
                >
                  {t('bulk.actions.tags_remove')}
                </Menu.Item>
              </>
            )}
            {config.exportUrl && (
              <>
                <Menu.Label>{t('bulk.actions.export')}</Menu.Label>
                <Menu.Item
                  component={allMatching ? 'a' : 'button'}
                  href={exportHref('csv')}
                  onClick={() => exportSelection('csv')}
                  leftSection={<IconFileText size={16} />}
                >
                  {t('bulk.export_csv')}
                </Menu.Item>
                <Menu.Item
                  component={allMatching ? 'a' : 'button'}
                  href={exportHref('xlsx')}
                  onClick={() => exportSelection('xlsx')}
                  leftSection={<IconFileSpreadsheet size={16} />}
                >
                  {t('bulk.export_xlsx')}
                </Menu.Item>
              </>
            )}
            {config.actions.includes('delete') && (
              <>
                <Menu.Divider />
                <Menu.Item
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setAction('delete')}
                >
                  {t('bulk.actions.delete')}
                </Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
        <Button variant="subtle" leftSection={<IconX size={16} />} onClick={clear}>
          {t('bulk.clear')}
        </Button>
      </Group>
      {action && (
        <BulkDialog
          action={action}
          config={config}
          count={count}
          noun={noun}
          body={allMatching ? { all: true, query } : { ids }}
          onClose={(finished) => {
            setAction(null)
            if (finished) {
              clear()
              router.reload()
            }
          }}
        />
      )}
    </Box>
  )
}

function BulkDialog({
  action,
  config,
  count,
  noun,
  body,
  onClose,
}: {
  action: Action
  config: BulkConfig
  count: number
  noun: string
  body: Record<string, unknown>
  onClose: (finished: boolean) => void
}) {
  const { t } = useT()
  const [ownerId, setOwnerId] = useState<string | null>(null)
  const [field, setField] = useState<string | null>(config.fields[0]?.key ?? null)
  const [value, setValue] = useState<string | null>(null)
  const [tagValues, setTagValues] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const chosen = config.fields.find((f) => f.key === field)

  useEffect(() => () => clearTimeout(timer.current), [])

  // Polled every second; a failing poll backs off and gives up after a few tries (the job goes
  // on and ends in a notification); a signed-out session reloads the page (to the sign-in).
  const poll = (runId: number, failures = 0) => {
    timer.current = setTimeout(
      async () => {
        try {
          const response = await apiJson<Outcome>('GET', `/bulk/runs/${runId}`)
          if (response.status === 401) return window.location.reload()
          if (response.status === 403 || response.status === 404) {
            return setError(t('bulk.errors.progress'))
          }
          if (!response.ok) throw new Error(String(response.status))
          const next = response.body
          setOutcome(next)
          if (next.status !== 'done' && next.status !== 'failed') poll(runId)
        } catch {
          if (failures >= 8) setError(t('bulk.errors.progress'))
          else poll(runId, failures + 1)
        }
      },
      1000 * 2 ** Math.min(failures, 4)
    )
  }

  const params =
    action === 'owner'
      ? { ownerId: Number(ownerId) }
      : action === 'field'
        ? { field, value }
        : action === 'tags_add'
          ? bulkTagsToAdd(tagValues, config.tags ?? [])
          : action === 'tags_remove'
            ? { remove: tagValues.map(Number) }
            : {}
  const tagging = action === 'tags_add' || action === 'tags_remove'
  const ready =
    action === 'owner'
      ? !!ownerId
      : action === 'field'
        ? !!field
        : tagging
          ? !!tagValues.length
          : true

  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await apiJson<any>('POST', config.endpoint, {
        action: tagging ? 'tags' : action,
        params,
        ...body,
      })
      const answer = response.body
      if (!response.ok) {
        setError(answer.message ?? answer.errors?.[0]?.message ?? t('bulk.failed'))
        return
      }
      setOutcome(answer as Outcome)
      if (answer.status === 'queued' || answer.status === 'running') poll(answer.runId)
    } catch {
      setError(t('bulk.failed'))
    } finally {
      setBusy(false)
    }
  }

  const finished = outcome?.status === 'done' || outcome?.status === 'failed'
  const title =
    action === 'field'
      ? t('bulk.confirm.field', {
          count,
          noun,
          field: chosen ? (chosen.text ?? t(chosen.label)) : '',
        })
      : t(`bulk.confirm.${action}`, { count, noun })

  return (
    <Modal opened onClose={() => onClose(!!outcome)} title={title} centered>
      <Stack>
        {'all' in body && <Text size="sm">{t('bulk.confirm.all_matching', { count })}</Text>}
        {!outcome && action === 'owner' && (
          <Select
            label={t('bulk.owner')}
            data={config.owners}
            value={ownerId}
            onChange={setOwnerId}
            searchable
            data-autofocus
            required
          />
        )}
        {!outcome && action === 'field' && (
          <>
            <Select
              label={t('bulk.field')}
              data={config.fields.map((f) => ({ value: f.key, label: f.text ?? t(f.label) }))}
              value={field}
              onChange={(next) => {
                setField(next)
                setValue(null)
              }}
              allowDeselect={false}
              data-autofocus
            />
            {chosen && <FieldValue field={chosen} value={value} onChange={setValue} />}
          </>
        )}
        {!outcome && tagging && (
          <BulkTagsInput
            mode={action === 'tags_add' ? 'add' : 'remove'}
            tags={config.tags ?? []}
            value={tagValues}
            onChange={setTagValues}
          />
        )}
        {!outcome && action === 'delete' && <Text size="sm">{t('bulk.confirm.delete_help')}</Text>}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {outcome && !finished && (
          <Stack gap={4}>
            <Text size="sm" aria-live="polite">
              {outcome.status === 'queued'
                ? t('bulk.queued', { total: outcome.total })
                : t('bulk.running', { done: outcome.done, total: outcome.total })}
            </Text>
            <Progress
              value={outcome.total ? (outcome.done / outcome.total) * 100 : 0}
              aria-label={t('bulk.running', { done: outcome.done, total: outcome.total })}
              animated
            />
          </Stack>
        )}
        {outcome && finished && <Summary outcome={outcome} />}
        <Group justify="flex-end">
          {finished ? (
            <Button onClick={() => onClose(true)} data-autofocus>
              {t('bulk.close')}
            </Button>
          ) : (
            <>
              <Button variant="default" onClick={() => onClose(!!outcome)}>
                {outcome ? t('bulk.close') : t('bulk.cancel')}
              </Button>
              {!outcome && (
                <Button
                  color={action === 'delete' ? 'red' : undefined}
                  onClick={submit}
                  loading={busy}
                  disabled={!ready}
                  data-testid="bulk-apply"
                >
                  {t('bulk.apply')}
                </Button>
              )}
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  )
}

function FieldValue({
  field,
  value,
  onChange,
}: {
  field: BulkConfig['fields'][number]
  value: string | null
  onChange: (value: string | null) => void
}) {
  const { t } = useT()
  const label = t('bulk.value')
  if (field.kind === 'text')
    return (
      <TextInput
        label={label}
        value={value ?? ''}
        onChange={(e) => onChange(e.currentTarget.value)}
        placeholder={t('bulk.empty_value')}
      />
    )
  if (field.kind === 'record' && field.lookup)
    return (
      <RecordPicker
        label={label}
        searchUrl={field.lookup}
        initial={[]}
        value={value}
        onChange={onChange}
        clearable
      />
    )
  const data =
    field.kind === 'boolean'
      ? [
          { value: 'true', label: t('bulk.yes') },
          { value: 'false', label: t('bulk.no') },
        ]
      : (field.options ?? [])
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      placeholder={t('bulk.empty_value')}
    />
  )
}

/** "N cambiados · M ya lo tenían · K omitidos: fuera de su alcance", read out when it appears. */
function Summary({ outcome }: { outcome: Outcome }) {
  const { t } = useT()
  if (outcome.status === 'failed')
    return (
      <Alert color="red" role="alert">
        {t('bulk.failed')}
      </Alert>
    )
  return (
    <Alert color="green" role="status" data-testid="bulk-result">
      <Stack gap={2}>
        <Text size="sm">{t('bulk.result', { changed: outcome.changed })}</Text>
        {outcome.unchanged > 0 && (
          <Text size="sm">{t('bulk.result_unchanged', { count: outcome.unchanged })}</Text>
        )}
        {Object.entries(outcome.skipped).map(([reason, n]) => (
          <Text size="sm" key={reason}>
            {t('bulk.result_skipped', { count: n, reason: t(`bulk.skipped.${reason}`) })}
          </Text>
        ))}
      </Stack>
    </Alert>
  )
}
