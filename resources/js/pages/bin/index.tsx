import { useState } from 'react'
import { Head, router, useForm } from '@inertiajs/react'
import {
  Badge,
  Box,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Text,
  TextInput,
} from '@mantine/core'
import { IconRestore, IconSearch, IconTrashX } from '@tabler/icons-react'
import {
  ConfirmButton,
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

interface Entry {
  id: number
  resource: string
  /** i18n key of the resource's name. */
  resourceLabel: string
  recordId: number
  title: string
  deletedAt: string
  deletedByName: string | null
  purgeAt: string
  canRestore: boolean
}

interface Props {
  entries: Entry[]
  next: string | null
  prev: string | null
  offset: number
  count: CappedCount
  resources: { value: string; label: string }[]
  filters: { q: string; resource: string; cursor: string | null; before: string | null }
  retentionDays: number
  canPurge: boolean
  /** How long read notifications and finished imports are kept (administrators only). */
  cleanup?: { notificationDays: number; importDays: number } | null
}

export default function BinIndex(props: Props) {
  const { entries, next, prev, offset, count, resources, filters, retentionDays, canPurge } = props
  const { cleanup } = props
  const { t } = useT()
  const f = useFormat()
  const phone = usePhone()
  const [q, setQ] = useState(filters.q)
  const base = { q: filters.q, resource: filters.resource }
  const go = (params: Record<string, string>) =>
    router.get(listUrl('/bin', { ...base, ...params }), {}, { preserveScroll: true })
  const filtered = !!(filters.q || filters.resource)

  const columns: Column<Entry>[] = [
    {
      key: 'title',
      header: t('bin.columns.title'),
      render: (e) => (
        <Box component="span" style={inlineLines}>
          <Text span size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {e.title}
          </Text>
          <Badge component="span" styles={fullBadge} variant="light" color="gray" tt="none">
            {t(e.resourceLabel)}
          </Badge>
        </Box>
      ),
    },
    {
      key: 'deleted',
      header: t('bin.columns.deleted'),
      width: 220,
      render: (e) =>
        e.deletedByName
          ? t('bin.deleted_by', { date: f.dateTime(e.deletedAt), name: e.deletedByName })
          : f.dateTime(e.deletedAt),
    },
    {
      key: 'purgeAt',
      header: t('bin.columns.purge_at'),
      width: 150,
      render: (e) => f.date(e.purgeAt),
    },
    {
      key: 'actions',
      header: t('bin.columns.actions'),
      width: canPurge ? 280 : 140,
      render: (e) => (
        <Group gap="xs" wrap={phone ? 'wrap' : 'nowrap'}>
          {e.canRestore && (
            <ConfirmButton
              size="xs"
              color="teal"
              confirmColor="teal"
              leftSection={<IconRestore size={14} />}
              label={t('bin.restore')}
              title={t('bin.restore_title', { name: e.title })}
              message={t('bin.restore_message')}
              confirmLabel={t('bin.restore')}
              onConfirm={() => router.post(`/bin/${e.id}/restore`, {}, { preserveScroll: true })}
            />
          )}
          {canPurge && (
            <ConfirmButton
              size="xs"
              leftSection={<IconTrashX size={14} />}
              label={t('bin.purge')}
              title={t('bin.purge_title', { name: e.title })}
              message={t('bin.purge_message')}
              confirmLabel={t('bin.purge')}
              onConfirm={() => router.delete(`/bin/${e.id}`, { preserveScroll: true })}
            />
          )}
        </Group>
      ),
    },
  ]

  return (
    <>
      <Head title={t('bin.title')} />
      <PageHeader
        title={t('bin.title')}
        subtitle={t('bin.subtitle')}
        crumbs={[{ label: t('bin.title') }]}
      />
      {canPurge ? (
        <>
          <RetentionForm days={retentionDays} />
          {cleanup && <CleanupForm days={cleanup} />}
        </>
      ) : (
        <Text size="sm" c="dimmed" mb="md">
          {t('bin.retention_notice', { days: retentionDays })}
        </Text>
      )}
      <Group
        mb="md"
        gap="sm"
        align="flex-end"
        wrap={phone ? 'wrap' : 'nowrap'}
        component="form"
        onSubmit={(ev) => {
          ev.preventDefault()
          go({ q })
        }}
      >
        <TextInput
          label={t('bin.search')}
          value={q}
          onChange={(ev) => setQ(ev.currentTarget.value)}
          leftSection={<IconSearch size={16} />}
          w={phone ? '100%' : 320}
          type="search"
        />
        {resources.length > 1 && (
          <Select
            label={t('bin.resource')}
            value={filters.resource || 'all'}
            data={[
              { value: 'all', label: t('bin.all_resources') },
              ...resources.map((r) => ({ value: r.value, label: t(r.label) })),
            ]}
            onChange={(v) => go({ resource: !v || v === 'all' ? '' : v, q })}
            allowDeselect={false}
            w={phone ? '100%' : 220}
          />
        )}
      </Group>
      {entries.length === 0 ? (
        filtered ? (
          <EmptyState
            title={t('bin.empty_filtered_title')}
            description={t('bin.empty_filtered_description')}
          />
        ) : (
          <EmptyState
            title={t('bin.empty_title')}
            description={t('bin.empty_description', { days: retentionDays })}
          />
        )
      ) : (
        <Paper radius="md" {...listFrame(phone)}>
          <DataTable rows={entries} columns={columns} rowKey={(e) => e.id} />
        </Paper>
      )}
      <KeysetPager
        count={count}
        noun={(n) => t('bin.noun', { count: n })}
        firstHref={listUrl('/bin', base)}
        prevHref={prev ? listUrl('/bin', { ...base, before: prev }) : null}
        nextHref={next ? listUrl('/bin', { ...base, cursor: next }) : null}
        isFirstPage={!prev}
        offset={offset}
        shown={entries.length}
        exactHref={listUrl('/bin', {
          ...base,
          cursor: filters.cursor,
          before: filters.before,
          exact: true,
        })}
      />
    </>
  )
}

/** Administrators: how many days deleted records wait before the nightly purge. */
function RetentionForm({ days }: { days: number }) {
  const { t } = useT()
  const form = useForm({ days })
  return (
    <Paper withBorder radius="md" p="sm" mb="md">
      <Group
        component="form"
        align="flex-end"
        gap="sm"
        onSubmit={(ev) => {
          ev.preventDefault()
          form.put('/bin/retention', { preserveScroll: true })
        }}
      >
        <DaysInput
          label={t('bin.retention.label')}
          description={t('bin.retention.description')}
          value={form.data.days}
          onChange={(v) => form.setData('days', v)}
          error={form.errors.days}
        />
        <Button type="submit" variant="light" loading={form.processing}>
          {t('bin.retention.save')}
        </Button>
      </Group>
    </Paper>
  )
}

/** How long read notifications and finished imports are kept before the nightly clean-up. */
function CleanupForm({ days }: { days: { notificationDays: number; importDays: number } }) {
  const { t } = useT()
  const form = useForm(days)
  const input = (key: 'notificationDays' | 'importDays', label: string) => (
    <DaysInput
      label={t(`bin.cleanup.${label}`)}
      description={t(`bin.cleanup.${label}_description`)}
      value={form.data[key]}
      onChange={(v) => form.setData(key, v)}
      error={form.errors[key]}
    />
  )
  return (
    <Paper withBorder radius="md" p="sm" mb="md">
      <Group
        component="form"
        align="flex-end"
        gap="sm"
        aria-label={t('bin.cleanup.title')}
        onSubmit={(ev) => {
          ev.preventDefault()
          form.put('/bin/cleanup', { preserveScroll: true })
        }}
      >
        {input('notificationDays', 'notifications')}
        {input('importDays', 'imports')}
        <Button type="submit" variant="light" loading={form.processing}>
          {t('bin.cleanup.save')}
        </Button>
      </Group>
    </Paper>
  )
}

/** A whole number of days, 1 to 3650 (as the server's validators accept). */
function DaysInput(props: {
  label: string
  description: string
  value: number
  onChange: (days: number) => void
  error?: string
}) {
  return (
    <NumberInput
      label={props.label}
      description={props.description}
      value={props.value}
      onChange={(v) => props.onChange(Number(v) || 0)}
      error={props.error}
      min={1}
      max={3650}
      allowDecimal={false}
      w={{ base: '100%', xs: 360 }}
    />
  )
}
