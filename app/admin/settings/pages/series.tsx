import { useState } from 'react'
import { Head, router, useForm } from '@inertiajs/react'
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import {
  ConfirmButton,
  DataTable,
  EmptyState,
  ErrorSummary,
  FormFooter,
  PageHeader,
  useT,
  type Column,
  inlineRow,
  listFrame,
  usePhone,
} from '~/ui'

interface Series {
  id: number
  key: string
  name: string
  prefix: string
  padding: number
  nextNumber: number
  resetYearly: boolean
  currentYear: number | null
  /** The counter value the next document gets (1 in a new year when reset yearly). */
  next: number
  /** What the next number will look like. */
  preview: string
}

/** The same tokens as the server (app/settings/number_series.ts), for the live preview. */
function formatNumber(prefix: string, padding: number, number: number, date = new Date()) {
  const year = String(date.getUTCFullYear())
  const filled = prefix
    .replaceAll('{YYYY}', year)
    .replaceAll('{YY}', year.slice(2))
    .replaceAll('{MM}', String(date.getUTCMonth() + 1).padStart(2, '0'))
  return `${filled}${String(number).padStart(padding, '0')}`
}

export default function SeriesPage({ series }: { series: Series[]; year: number }) {
  const { t } = useT()
  const phone = usePhone()
  const [editing, setEditing] = useState<Series | 'new' | null>(null)
  const title = t('admin.settings.series.title')
  const columns: Column<Series>[] = [
    {
      key: 'name',
      header: t('admin.settings.series.columns.name'),
      render: (s) => (
        <Box component="span" style={{ display: 'inline-flex', flexDirection: 'column' }}>
          <Text span fw={600} size="sm">
            {s.name}
          </Text>
          <Text span size="xs" c="dimmed" ff="monospace">
            {s.key}
          </Text>
        </Box>
      ),
    },
    {
      key: 'next',
      header: t('admin.settings.series.columns.next'),
      render: (s) => <Code>{s.preview}</Code>,
    },
    {
      key: 'reset',
      header: t('admin.settings.series.columns.reset'),
      render: (s) => (
        <Badge component="span" variant="light" color={s.resetYearly ? 'teal' : 'gray'}>
          {t(s.resetYearly ? 'common.yes' : 'common.no')}
        </Badge>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      render: (s) => (
        <Box component="span" style={inlineRow}>
          <Button size="xs" variant="default" onClick={() => setEditing(s)}>
            {t('common.edit')}
          </Button>
          <ConfirmButton
            size="xs"
            label={t('common.delete')}
            title={t('admin.settings.series.delete_title')}
            message={t('admin.settings.series.delete_message', { name: s.name })}
            onConfirm={() =>
              router.delete(`/admin/settings/series/${s.id}`, { preserveScroll: true })
            }
          />
        </Box>
      ),
    },
  ]
  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
      {t('admin.settings.series.new')}
    </Button>
  )
  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        subtitle={t('admin.settings.series.subtitle')}
        crumbs={[
          { label: t('admin.nav.title') },
          { label: t('admin.settings.title') },
          { label: title },
        ]}
        actions={newButton}
      />
      {series.length === 0 ? (
        <EmptyState
          title={t('admin.settings.series.empty_title')}
          description={t('admin.settings.series.empty_description')}
          action={newButton}
        />
      ) : (
        <Paper radius="md" {...listFrame(phone)}>
          <DataTable rows={series} columns={columns} rowKey={(s) => s.id} />
        </Paper>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing === 'new' ? 'admin.settings.series.new' : 'admin.settings.series.edit')}
        size="lg"
        fullScreen={phone}
      >
        {editing !== null && (
          <SeriesForm series={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </>
  )
}

function SeriesForm({ series, onDone }: { series: Series | null; onDone: () => void }) {
  const { t } = useT()
  const form = useForm({
    key: series?.key ?? '',
    name: series?.name ?? '',
    prefix: series?.prefix ?? '',
    padding: series?.padding ?? 4,
    // The number the next call gives (the preview), so saving unchanged keeps the counter.
    nextNumber: series?.next ?? 1,
    // What the form showed: the server changes the counter only if nextNumber differs from it,
    // and refuses if the counter moved meanwhile.
    shownNext: series?.next ?? 1,
    resetYearly: series?.resetYearly ?? true,
  })
  const errors = form.errors as Record<string, string | undefined>
  const preview = formatNumber(
    form.data.prefix,
    Math.min(Math.max(Number(form.data.padding) || 1, 1), 12),
    Math.max(Number(form.data.nextNumber) || 1, 1)
  )
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const options = { preserveScroll: true, onSuccess: onDone }
    if (series) form.put(`/admin/settings/series/${series.id}`, options)
    else form.post('/admin/settings/series', options)
  }
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} mb="md" />
      <Stack gap="sm">
        <TextInput
          label={t('admin.settings.series.fields.name')}
          value={form.data.name}
          onChange={(e) => form.setData('name', e.currentTarget.value)}
          error={errors.name}
          required
        />
        <TextInput
          label={t('admin.settings.series.fields.key')}
          description={t('admin.settings.series.fields.key_help')}
          value={form.data.key}
          onChange={(e) => form.setData('key', e.currentTarget.value)}
          error={errors.key}
          disabled={series !== null}
          required
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t('admin.settings.series.fields.prefix')}
            description={t('admin.settings.series.fields.prefix_help')}
            value={form.data.prefix}
            onChange={(e) => form.setData('prefix', e.currentTarget.value)}
            error={errors.prefix}
            style={{ minWidth: 200 }}
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput
            label={t('admin.settings.series.fields.padding')}
            description={t('admin.settings.series.fields.padding_help')}
            value={form.data.padding}
            onChange={(v) => form.setData('padding', Number(v) || 1)}
            min={1}
            max={12}
            error={errors.padding}
            style={{ minWidth: 140 }}
          />
          <NumberInput
            label={t('admin.settings.series.fields.next_number')}
            value={form.data.nextNumber}
            onChange={(v) => form.setData('nextNumber', Number(v) || 1)}
            min={1}
            allowDecimal={false}
            error={errors.nextNumber}
            style={{ minWidth: 140 }}
          />
        </Group>
        <Checkbox
          label={t('admin.settings.series.fields.reset_yearly')}
          checked={form.data.resetYearly}
          onChange={(e) => form.setData('resetYearly', e.currentTarget.checked)}
        />
        <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-0)">
          <Text size="sm" data-testid="series-preview">
            {t('admin.settings.series.preview', { number: preview })}
          </Text>
        </Paper>
      </Stack>
      <FormFooter processing={form.processing}>
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </FormFooter>
    </form>
  )
}
