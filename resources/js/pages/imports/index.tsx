import { Head, Link, useForm } from '@inertiajs/react'
import { Anchor, Button, FileInput, Group, Paper, Select, Stack, Text, Title } from '@mantine/core'
import { IconUpload } from '@tabler/icons-react'
import { DataTable, EmptyState, PageHeader, useFormat, useT, type Column } from '~/ui'
import { StatusBadge, TotalsLine, type Run } from './shared'

interface HistoryRun extends Run {
  userName: string | null
}

const DELIMITER_KEYS: Record<string, string> = {
  ';': 'semicolon',
  ',': 'comma',
  '\t': 'tab',
  '|': 'pipe',
}

export default function ImportsIndex({
  resource,
  resourceLabel,
  runs,
  encodings,
  delimiters,
}: {
  resource: string
  resourceLabel: string
  runs: HistoryRun[]
  encodings: string[]
  delimiters: string[]
}) {
  const { t } = useT()
  const f = useFormat()
  const form = useForm<{ file: File | null; encoding: string; delimiter: string }>({
    file: null,
    encoding: '',
    delimiter: '',
  })
  const listUrl = `/${resource.replace('.', '/')}`
  const title = t('import.title', { resource: t(resourceLabel).toLowerCase() })

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.transform((data) => ({
      file: data.file,
      ...(data.encoding ? { encoding: data.encoding } : {}),
      ...(data.delimiter ? { delimiter: data.delimiter } : {}),
    }))
    form.post(`/imports/${resource}`, { forceFormData: true })
  }

  const columns: Column<HistoryRun>[] = [
    {
      key: 'file',
      header: t('import.file'),
      render: (r) => (
        <Anchor component={Link} href={`/imports/runs/${r.id}`} size="sm" fw={600}>
          {r.fileName}
        </Anchor>
      ),
    },
    { key: 'date', header: t('import.date'), render: (r) => f.dateTime(r.createdAt) },
    { key: 'user', header: t('import.user'), render: (r) => r.userName ?? '—', hideOnMobile: true },
    {
      key: 'status',
      header: t('import.preview.outcome'),
      render: (r) => <StatusBadge status={r.status} />,
    },
    { key: 'totals', header: '', render: (r) => <TotalsLine totals={r.totals} /> },
  ]

  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        crumbs={[{ label: t(resourceLabel), href: listUrl }, { label: t('import.action') }]}
      />
      <Paper withBorder radius="md" p="md" mb="lg" component="form" onSubmit={submit}>
        <Stack gap="sm">
          <FileInput
            label={t('import.upload.file')}
            description={t('import.upload.file_help')}
            accept=".csv,.txt,.tsv,.xlsx"
            value={form.data.file}
            onChange={(file) => form.setData('file', file)}
            error={form.errors.file}
            required
            clearable
            leftSection={<IconUpload size={16} />}
            data-testid="import-file"
          />
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t('import.upload.encoding')}
              data={[
                { value: '', label: t('import.upload.auto') },
                ...encodings.map((e) => ({ value: e, label: e.toUpperCase() })),
              ]}
              value={form.data.encoding}
              onChange={(v) => form.setData('encoding', v ?? '')}
              allowDeselect={false}
            />
            <Select
              label={t('import.upload.delimiter')}
              data={[
                { value: '', label: t('import.upload.auto') },
                ...delimiters.map((d) => ({
                  value: d,
                  label: t(`import.delimiters.${DELIMITER_KEYS[d]}`),
                })),
              ]}
              value={form.data.delimiter}
              onChange={(v) => form.setData('delimiter', v ?? '')}
              allowDeselect={false}
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={form.processing} disabled={!form.data.file}>
              {t('import.upload.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Title order={2} size="h4" mb="sm">
        {t('import.history')}
      </Title>
      {runs.length ? (
        <DataTable rows={runs} columns={columns} rowKey={(r) => r.id} />
      ) : (
        <EmptyState title={t('import.history_empty')} />
      )}
      <Text size="xs" c="dimmed" mt="sm">
        <Anchor component={Link} href={listUrl} size="xs">
          ← {t(resourceLabel)}
        </Anchor>
      </Text>
    </>
  )
}
