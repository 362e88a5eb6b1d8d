import { Head, router, useForm } from '@inertiajs/react'
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core'
import {
  IconArrowDown,
  IconArrowUp,
  IconInfoCircle,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react'
import { EmptyState, ErrorSummary, FormFooter, PageHeader, useT } from '~/ui'

interface ListInfo {
  key: string
  label: string
  description: string
  /** `open`: values may be added and removed; `labels`: only relabelled, reordered, (de)activated. */
  editable: 'open' | 'labels'
}

interface ValueRow {
  /** Absent for a value added on this screen (the server derives it from the Spanish text). */
  code?: string
  labelEs: string
  labelEn: string
  active: boolean
}

interface Props {
  lists: ListInfo[]
  current: string | null
  values: ValueRow[]
}

export default function ListsPage({ lists, current, values }: Props) {
  const { t } = useT()
  const title = t('admin.settings.lists.title')
  const list = lists.find((l) => l.key === current) ?? null
  return (
    <>
      <Head title={title} />
      <PageHeader
        title={title}
        subtitle={t('admin.settings.lists.subtitle')}
        crumbs={[
          { label: t('admin.nav.title') },
          { label: t('admin.settings.title') },
          { label: title },
        ]}
      />
      {!list ? (
        <EmptyState
          title={t('admin.settings.lists.empty_title')}
          description={t('admin.settings.lists.empty_description')}
        />
      ) : (
        <Stack gap="md">
          <Select
            label={t('admin.settings.lists.choose')}
            data={lists.map((l) => ({ value: l.key, label: l.label }))}
            value={list.key}
            allowDeselect={false}
            onChange={(key) => key && router.get('/admin/settings/lists', { list: key })}
            maw={360}
          />
          {/* One editor per list: switching lists starts from that list's stored values. */}
          <ListEditor key={list.key} list={list} values={values} />
        </Stack>
      )}
    </>
  )
}

function ListEditor({ list, values }: { list: ListInfo; values: ValueRow[] }) {
  const { t } = useT()
  const form = useForm({ values })
  const errors = form.errors as Record<string, string | undefined>
  const rows = form.data.values
  const open = list.editable === 'open'

  const update = (index: number, patch: Partial<ValueRow>) =>
    form.setData(
      'values',
      rows.map((row, i) => (i === index ? { ...row, ...patch } : row))
    )
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows]
    const [row] = next.splice(index, 1)
    next.splice(index + by, 0, row)
    form.setData('values', next)
  }
  const remove = (index: number) =>
    form.setData(
      'values',
      rows.filter((_, i) => i !== index)
    )
  const add = () => form.setData('values', [...rows, { labelEs: '', labelEn: '', active: true }])

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.put(`/admin/settings/lists/${list.key}`, { preserveScroll: true })
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} mb="md" />
      {list.description && (
        <Text size="sm" c="dimmed" mb="xs">
          {list.description}
        </Text>
      )}
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} mb="md">
        {!open && <Text size="sm">{t('admin.settings.lists.fixed_note')}</Text>}
        <Text size="sm">{t('admin.settings.lists.inactive_note')}</Text>
      </Alert>
      <Stack gap="xs">
        {rows.map((row, i) => (
          <Paper
            key={row.code ?? `new-${i}`}
            withBorder
            radius="md"
            p="xs"
            data-testid="list-value"
          >
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <ActionIcon
                  variant="subtle"
                  aria-label={t('admin.settings.lists.up')}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  aria-label={t('admin.settings.lists.down')}
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
              </Stack>
              <Grid gap="xs" style={{ flex: 1 }} align="center">
                <Grid.Col span={{ base: 12, sm: 5 }}>
                  <TextInput
                    aria-label={t('admin.settings.lists.columns.label_es')}
                    placeholder={t('admin.settings.lists.columns.label_es')}
                    value={row.labelEs}
                    onChange={(e) => update(i, { labelEs: e.currentTarget.value })}
                    error={errors[`values.${i}.labelEs`]}
                    leftSection={
                      <Text size="xs" c="dimmed">
                        ES
                      </Text>
                    }
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 5 }}>
                  <TextInput
                    aria-label={t('admin.settings.lists.columns.label_en')}
                    placeholder={t('admin.settings.lists.columns.label_en')}
                    value={row.labelEn}
                    onChange={(e) => update(i, { labelEn: e.currentTarget.value })}
                    error={errors[`values.${i}.labelEn`]}
                    leftSection={
                      <Text size="xs" c="dimmed">
                        EN
                      </Text>
                    }
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 2 }}>
                  <Group gap="xs" wrap="nowrap" justify="space-between">
                    <Switch
                      checked={row.active}
                      onChange={(e) => update(i, { active: e.currentTarget.checked })}
                      label={t('admin.settings.lists.columns.active')}
                    />
                    {open && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('admin.settings.lists.remove')}
                        onClick={() => remove(i)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Group>
                </Grid.Col>
              </Grid>
            </Group>
            <Group gap={6} ml={36} mt={4}>
              {row.code ? (
                <Text size="xs" c="dimmed" ff="monospace">
                  {row.code}
                </Text>
              ) : (
                <Badge size="xs" variant="light">
                  {t('admin.settings.lists.new_value')}
                </Badge>
              )}
              {!row.active && (
                <Badge size="xs" color="gray" variant="light">
                  {t('admin.settings.lists.inactive')}
                </Badge>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
      {open && (
        <Button variant="light" mt="sm" leftSection={<IconPlus size={16} />} onClick={add}>
          {t('admin.settings.lists.add')}
        </Button>
      )}
      <FormFooter processing={form.processing} submitLabel={t('admin.settings.lists.save')} />
    </form>
  )
}
