import { Head, router } from '@inertiajs/react'
import {
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SegmentedControl,
  ScrollArea,
  Select,
  Text,
} from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import {
  ConfirmButton,
  applyFilters,
  DataTable,
  EmptyState,
  KeysetPager,
  PageHeader,
  useFormat,
  useT,
  type CappedCount,
  type Column,
  fullBadge,
  inlineLines,
  listFrame,
  usePhone,
  listUrl,
} from '~/ui'

type State = 'queued' | 'running' | 'failed' | 'completed'

interface JobRun {
  id: number
  name: string
  /** The job's name in the reader's language (the technical name when it has none). */
  label: string
  queue: string
  state: State
  attempts: number
  maxAttempts: number
  error: string | null
  createdAt: string
  runAt: string | null
  startedAt: string | null
  finishedAt: string | null
  system: boolean
}

interface Props {
  jobs: JobRun[]
  next: string | null
  prev: string | null
  offset: number
  count: CappedCount
  filters: { state: State | null; cursor: string | null; before: string | null }
}

const STATES: State[] = ['queued', 'running', 'failed', 'completed']
const STATE_COLORS: Record<State, string> = {
  queued: 'gray',
  running: 'blue',
  failed: 'red',
  completed: 'teal',
}

export default function JobsIndex({ jobs, next, prev, offset, count, filters }: Props) {
  const { t } = useT()
  const f = useFormat()
  const phone = usePhone()
  const base = { state: filters.state }
  const stateOptions = [
    { value: 'all', label: t('admin.jobs.states.all') },
    ...STATES.map((s) => ({ value: s, label: t(`admin.jobs.states.${s}`) })),
  ]
  const showState = (value: string | null) =>
    applyFilters('/admin/jobs', { state: !value || value === 'all' ? null : value })
  const post = (job: JobRun, action: 'retry' | 'discard') =>
    router.post(`/admin/jobs/${job.id}/${action}`, {}, { preserveScroll: true })

  const columns: Column<JobRun>[] = [
    {
      key: 'job',
      header: t('admin.jobs.columns.job'),
      width: 220,
      render: (j) => (
        <Box component="span" style={inlineLines}>
          <Text span size="sm" fw={500}>
            {j.label}
          </Text>
          <Text span size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {j.system ? `${t('admin.jobs.system')} · ` : ''}
            {j.name} · #{j.id}
          </Text>
        </Box>
      ),
    },
    {
      key: 'state',
      header: t('admin.jobs.columns.state'),
      render: (j) => (
        <Badge
          component="span"
          styles={fullBadge}
          variant="light"
          color={STATE_COLORS[j.state]}
          tt="none"
        >
          {t(`admin.jobs.state.${j.state}`)}
        </Badge>
      ),
      width: 100,
    },
    {
      key: 'attempts',
      header: t('admin.jobs.columns.attempts'),
      render: (j) => t('admin.jobs.attempts', { attempts: j.attempts, max: j.maxAttempts }),
      width: 80,
    },
    {
      key: 'times',
      header: t('admin.jobs.columns.times'),
      width: 190,
      render: (j) => (
        <Box component="span" style={{ ...inlineLines, whiteSpace: 'nowrap' }}>
          <Text span size="xs">
            {t('admin.jobs.created', { date: f.dateTime(j.createdAt) })}
          </Text>
          {j.startedAt && (
            <Text span size="xs" c="dimmed">
              {t('admin.jobs.started', { date: f.dateTime(j.startedAt) })}
            </Text>
          )}
          {j.finishedAt && (
            <Text span size="xs" c="dimmed">
              {t('admin.jobs.finished', { date: f.dateTime(j.finishedAt) })}
            </Text>
          )}
          {j.state === 'queued' && j.runAt && (
            <Text span size="xs" c="orange.8">
              {t('admin.jobs.next_attempt', { date: f.dateTime(j.runAt) })}
            </Text>
          )}
        </Box>
      ),
    },
    {
      key: 'error',
      header: t('admin.jobs.columns.error'),
      render: (j) =>
        j.error ? (
          <ScrollArea.Autosize mah={96} type="auto">
            <Text
              span
              size="xs"
              c={j.state === 'failed' ? 'red.8' : 'dimmed'}
              style={{ wordBreak: 'break-word' }}
            >
              {j.error}
            </Text>
          </ScrollArea.Autosize>
        ) : phone ? null : (
          '—'
        ),
    },
    {
      key: 'actions',
      header: t('admin.jobs.columns.actions'),
      render: (j) =>
        j.state === 'failed' ? (
          <Group gap="xs" wrap={phone ? 'nowrap' : 'wrap'} w={phone ? undefined : 132}>
            <Button
              fullWidth={!phone}
              size="xs"
              variant="light"
              leftSection={<IconRefresh size={14} />}
              onClick={() => post(j, 'retry')}
            >
              {t('admin.jobs.retry')}
            </Button>
            <ConfirmButton
              fullWidth={!phone}
              size="xs"
              label={t('admin.jobs.discard')}
              title={t('admin.jobs.discard_title')}
              message={t('admin.jobs.discard_message', { name: j.label })}
              confirmLabel={t('admin.jobs.discard')}
              onConfirm={() => post(j, 'discard')}
            />
          </Group>
        ) : null,
      width: 150,
    },
  ]

  return (
    <>
      <Head title={t('admin.jobs.title')} />
      <PageHeader
        title={t('admin.jobs.title')}
        subtitle={t('admin.jobs.subtitle')}
        crumbs={[{ label: t('admin.nav.title') }, { label: t('admin.jobs.title') }]}
      />
      {phone ? (
        <Select
          label={t('admin.jobs.columns.state')}
          value={filters.state ?? 'all'}
          onChange={(v) => showState(v)}
          data={stateOptions}
          allowDeselect={false}
          mb="md"
        />
      ) : (
        <SegmentedControl
          aria-label={t('admin.jobs.columns.state')}
          value={filters.state ?? 'all'}
          onChange={(v) => showState(v)}
          data={stateOptions}
          mb="md"
        />
      )}
      {jobs.length === 0 ? (
        filters.state ? (
          <EmptyState
            title={t('admin.jobs.empty_state_title')}
            description={t('admin.jobs.empty_state_description')}
          />
        ) : (
          <EmptyState
            title={t('admin.jobs.empty_title')}
            description={t('admin.jobs.empty_description')}
          />
        )
      ) : (
        <Paper radius="md" {...listFrame(phone)}>
          <DataTable rows={jobs} columns={columns} rowKey={(j) => j.id} />
        </Paper>
      )}
      <KeysetPager
        count={count}
        noun={(n) => t('admin.jobs.noun', { count: n })}
        firstHref={listUrl('/admin/jobs', base)}
        prevHref={prev ? listUrl('/admin/jobs', { ...base, before: prev }) : null}
        nextHref={next ? listUrl('/admin/jobs', { ...base, cursor: next }) : null}
        isFirstPage={!prev}
        offset={offset}
        shown={jobs.length}
        exactHref={listUrl('/admin/jobs', {
          ...base,
          cursor: filters.cursor,
          before: filters.before,
          exact: true,
        })}
      />
    </>
  )
}
