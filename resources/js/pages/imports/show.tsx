import { useEffect, useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core'
import { IconAlertTriangle, IconArrowBackUp, IconCheck } from '@tabler/icons-react'
import { ConfirmButton, DataTable, EmptyState, PageHeader, useT, type Column } from '~/ui'
import { RUNNING, RunProgress, StatusBadge, TotalsLine, recordUrl, type Run } from './shared'

interface Change {
  field: string
  label: string
  from: string | null
  to: string | null
}

interface Line {
  line: number
  outcome: 'create' | 'update' | 'duplicate' | 'rejected'
  of: { kind: 'record' | 'line'; id: number } | null
  key: string | null
  reason: string | null
  changes: Change[]
}

interface Props {
  run: Run
  resourceLabel: string
  fields: { key: string; label: string }[]
  samples: string[][]
  preview: { lines: Line[]; next: number | null } | null
  filter: { outcome: string }
  encodings: string[]
  delimiters: string[]
}

const OUTCOME_COLORS = { create: 'green', update: 'blue', duplicate: 'gray', rejected: 'red' }
const DELIMITER_KEYS: Record<string, string> = {
  ';': 'semicolon',
  ',': 'comma',
  '\t': 'tab',
  '|': 'pipe',
}

/** Polls the run while a step runs; reloads the page when it ends (the state survives reloads). */
function usePolledRun(run: Run) {
  const [live, setLive] = useState(run)
  const [seen, setSeen] = useState(run)
  if (seen !== run) {
    setSeen(run)
    setLive(run)
  }
  const running = RUNNING.includes(live.status)
  useEffect(() => {
    if (!running) return
    const timer = setInterval(async () => {
      const response = await fetch(`/imports/runs/${run.id}/status`, {
        headers: { Accept: 'application/json' },
      })
      if (!response.ok) return
      const status = await response.json()
      setLive((current) => ({ ...current, ...status }))
      if (!RUNNING.includes(status.status)) router.reload()
    }, 1000)
    return () => clearInterval(timer)
  }, [running, run.id])
  return live
}

export default function ImportShow(props: Props) {
  const { t } = useT()
  const run = usePolledRun(props.run)
  const listUrl = `/${run.resource.replace('.', '/')}`
  const title = t('import.title', { resource: t(props.resourceLabel).toLowerCase() })
  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        subtitle={run.fileName}
        crumbs={[
          { label: t(props.resourceLabel), href: listUrl },
          { label: t('import.action'), href: `/imports/${run.resource}` },
          { label: run.fileName },
        ]}
        actions={<StatusBadge status={run.status} />}
      />
      {run.prunedAt && (
        <Alert color="gray" mb="md">
          {t('import.pruned')}
        </Alert>
      )}
      {run.error && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} mb="md" role="alert">
          {run.error}
        </Alert>
      )}
      {run.status === 'uploaded' || (run.status === 'failed' && !run.rowsTotal) ? (
        <MappingStep {...props} />
      ) : RUNNING.includes(run.status) ? (
        <Paper withBorder p="md" radius="md" mb="md">
          <RunProgress
            done={run.rowsDone}
            total={
              run.status === 'previewing' ? Math.max(run.rowsDone, run.rowsTotal) : run.rowsTotal
            }
            label={t(`import.status.${run.status}`)}
          />
        </Paper>
      ) : (
        <PreviewStep {...props} run={run} />
      )}
    </>
  )
}

function MappingStep({ run, fields, samples, encodings, delimiters }: Props) {
  const { t } = useT()
  const [mapping, setMapping] = useState(run.mapping)
  const [options, setOptions] = useState({
    encoding: run.options.encoding ?? '',
    delimiter: run.options.delimiter ?? '',
    sheet: run.options.sheet ?? '',
  })
  const [busy, setBusy] = useState(false)
  const fieldOptions = [
    { value: '', label: t('import.mapping.ignore') },
    ...fields.map((f) => ({ value: f.key, label: f.label })),
  ]
  const reread = () =>
    router.put(
      `/imports/runs/${run.id}/options`,
      Object.fromEntries(Object.entries(options).filter(([, v]) => v))
    )
  const submit = () =>
    router.put(
      `/imports/runs/${run.id}/mapping`,
      { mapping: mapping.map((m) => m ?? '') },
      { onStart: () => setBusy(true), onFinish: () => setBusy(false) }
    )
  const csv = run.options.format === 'csv'
  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <Text size="sm" mb="xs">
          {csv
            ? t('import.mapping.detected', {
                format: 'CSV',
                encoding: (run.options.encoding ?? '').toUpperCase(),
                delimiter: run.options.delimiter === '\t' ? 'TAB' : run.options.delimiter,
              })
            : t('import.mapping.detected_xlsx', { sheet: run.options.sheet })}
        </Text>
        <Group align="flex-end" wrap="wrap">
          {csv ? (
            <>
              <Select
                label={t('import.upload.encoding')}
                data={encodings.map((e) => ({ value: e, label: e.toUpperCase() }))}
                value={options.encoding}
                onChange={(v) => setOptions({ ...options, encoding: v ?? '' })}
                allowDeselect={false}
              />
              <Select
                label={t('import.upload.delimiter')}
                data={delimiters.map((d) => ({
                  value: d,
                  label: t(`import.delimiters.${DELIMITER_KEYS[d]}`),
                }))}
                value={options.delimiter}
                onChange={(v) => setOptions({ ...options, delimiter: v ?? '' })}
                allowDeselect={false}
              />
            </>
          ) : (
            <Select
              label={t('import.upload.sheet')}
              data={run.options.sheets ?? []}
              value={options.sheet}
              onChange={(v) => setOptions({ ...options, sheet: v ?? '' })}
              allowDeselect={false}
            />
          )}
          <Button variant="default" onClick={reread}>
            {t('import.mapping.reread')}
          </Button>
        </Group>
      </Paper>
      <Text size="sm">{t('import.mapping.intro')}</Text>
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table verticalSpacing="xs" miw={320}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.mapping.column')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('import.mapping.sample')}</Table.Th>
              <Table.Th>{t('import.mapping.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {run.headers.map((header, i) => (
              <Table.Tr key={i}>
                <Table.Td fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {header || `#${i + 1}`}
                </Table.Td>
                <Table.Td visibleFrom="sm" c="dimmed" fz="sm" style={{ overflowWrap: 'anywhere' }}>
                  {samples
                    .map((s) => s[i])
                    .filter(Boolean)
                    .slice(0, 2)
                    .join(' · ')}
                </Table.Td>
                <Table.Td miw={150}>
                  <Select
                    aria-label={`${t('import.mapping.field')}: ${header}`}
                    data={fieldOptions}
                    value={mapping[i] ?? ''}
                    onChange={(v) => setMapping(mapping.map((m, j) => (j === i ? v || null : m)))}
                    allowDeselect={false}
                    searchable
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group justify="flex-end">
        <Button
          onClick={submit}
          loading={busy}
          disabled={!mapping.some(Boolean)}
          data-testid="import-preview"
        >
          {t('import.mapping.submit')}
        </Button>
      </Group>
    </Stack>
  )
}

function Detail({ line, resource }: { line: Line; resource: string }) {
  const { t } = useT()
  if (line.outcome === 'rejected')
    return (
      <Text size="sm" c="red.8">
        {line.reason}
      </Text>
    )
  const of =
    line.of &&
    (line.of.kind === 'line'
      ? t('import.preview.of_line', { line: line.of.id, key: line.key })
      : t(line.outcome === 'update' ? 'import.preview.update_of' : 'import.preview.of_record', {
          id: line.of.id,
          key: line.key,
        }))
  return (
    <Stack gap={2}>
      {of && (
        <Text size="sm">
          {line.of?.kind === 'record' ? (
            <Anchor component={Link} href={recordUrl(resource, line.of.id)} size="sm">
              {of}
            </Anchor>
          ) : (
            of
          )}
        </Text>
      )}
      {line.reason && (
        <Text size="sm" fs="italic" style={{ overflowWrap: 'anywhere' }} data-testid="import-note">
          {line.reason}
        </Text>
      )}
      {line.changes.map((c) => (
        <Text key={c.field} size="xs" style={{ overflowWrap: 'anywhere' }}>
          <Text span fw={600} size="xs">
            {c.label}:
          </Text>{' '}
          {line.outcome === 'update' && (
            <>
              <Text span c="dimmed" td="line-through" size="xs">
                {c.from || '—'}
              </Text>{' '}
              →{' '}
            </>
          )}
          {c.to}
        </Text>
      ))}
    </Stack>
  )
}

function PreviewStep({ run, preview, filter }: Props) {
  const { t } = useT()
  const [busy, setBusy] = useState(false)
  const outcomes = ['create', 'update', 'duplicate', 'rejected'] as const
  const counts = {
    create: run.totals.created,
    update: run.totals.updated,
    duplicate: run.totals.duplicates,
    rejected: run.totals.rejected,
  }
  const go = (qs: Record<string, string | number>) =>
    router.get(`/imports/runs/${run.id}`, qs, { preserveScroll: true, preserveState: true })
  const post = (url: string) =>
    router.post(url, {}, { onStart: () => setBusy(true), onFinish: () => setBusy(false) })
  const writable = run.totals.created + run.totals.updated
  const columns: Column<Line>[] = [
    { key: 'line', header: t('import.preview.line'), render: (l) => l.line, width: 70 },
    {
      key: 'outcome',
      header: t('import.preview.outcome'),
      render: (l) => (
        <Badge variant="light" color={OUTCOME_COLORS[l.outcome]} tt="none">
          {t(`import.outcomes.${l.outcome}`)}
        </Badge>
      ),
      width: 120,
    },
    {
      key: 'detail',
      header: t('import.preview.detail'),
      render: (l) => <Detail line={l} resource={run.resource} />,
    },
  ]
  return (
    <Stack gap="md">
      {run.status === 'previewed' && <Text size="sm">{t('import.preview.intro')}</Text>}
      <TotalsLine totals={run.totals} />
      <Group justify="space-between" wrap="wrap" gap="sm">
        <SegmentedControl
          value={filter.outcome}
          onChange={(value) => go(value ? { outcome: value } : {})}
          data={[
            { value: '', label: t('import.preview.all') },
            ...outcomes.map((o) => ({
              value: o,
              label: `${t(`import.outcomes.${o}`)} (${counts[o]})`,
            })),
          ]}
          size="xs"
          style={{ maxWidth: '100%', overflowX: 'auto' }}
        />
        <Group gap="xs">
          {run.status === 'previewed' && (
            <Button
              variant="default"
              onClick={() =>
                router.put(
                  `/imports/runs/${run.id}/options`,
                  Object.fromEntries(
                    (['encoding', 'delimiter', 'sheet'] as const)
                      .filter((k) => run.options[k])
                      .map((k) => [k, run.options[k]!])
                  )
                )
              }
            >
              {t('import.preview.back')}
            </Button>
          )}
          {(run.status === 'previewed' ||
            (run.status === 'failed' && !run.committedAt && !run.prunedAt)) && (
            <Button
              leftSection={<IconCheck size={16} />}
              loading={busy}
              disabled={!writable}
              onClick={() => post(`/imports/runs/${run.id}/commit`)}
              data-testid="import-commit"
            >
              {run.status === 'failed'
                ? t('import.resume')
                : writable
                  ? t('import.preview.commit', { count: writable })
                  : t('import.preview.nothing')}
            </Button>
          )}
          {(run.status === 'committed' || (run.status === 'failed' && run.committedAt)) && (
            <ConfirmButton
              label={t('import.rollback')}
              title={t('import.rollback_title')}
              message={t('import.rollback_message')}
              confirmLabel={t('import.rollback')}
              leftSection={<IconArrowBackUp size={16} />}
              loading={busy}
              onConfirm={() => post(`/imports/runs/${run.id}/rollback`)}
            />
          )}
        </Group>
      </Group>
      {preview && preview.lines.length ? (
        <>
          <DataTable rows={preview.lines} columns={columns} rowKey={(l) => l.line} />
          {preview.next && (
            <Group justify="center">
              <Button
                variant="default"
                onClick={() =>
                  go({
                    ...(filter.outcome ? { outcome: filter.outcome } : {}),
                    after: preview.next!,
                  })
                }
              >
                {t('import.preview.more')}
              </Button>
            </Group>
          )}
        </>
      ) : (
        <EmptyState title={t('import.preview.none')} />
      )}
    </Stack>
  )
}
