import { useState } from 'react'
import { Head, router } from '@inertiajs/react'
import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPlus } from '@tabler/icons-react'
import { EmptyState, PageHeader, useT } from '~/ui'
import { apiJson } from '~/ui/api'
import type { ActivityDto, ActivityListFilters, ActivityTypeDto } from '../../dto/activities'
import { ActivityItem } from './activity_item'
import { ActivityForm, REMIND_CHOICES, remindValue } from './activity_form'

/**
 * "Mis actividades": open activities by due date (overdue red, today orange, future green, each
 * with its word), filters by type, state, period and person, keyset pages ("Ver más").
 */
export default function ActivitiesIndex({
  activities,
  next,
  filters,
  types,
  assignees,
  canCreate,
  userId,
  remindDefault,
}: {
  activities: ActivityDto[]
  next: string | null
  filters: ActivityListFilters
  types: ActivityTypeDto[]
  assignees: { value: string; label: string }[]
  canCreate: boolean
  userId: number
  remindDefault: number | null
}) {
  const { t } = useT()
  const [planning, setPlanning] = useState(false)
  const [rows, setRows] = useState(activities)
  const [cursor, setCursor] = useState(next)
  // A new first page (filters changed, an activity done) replaces what was appended.
  const [seen, setSeen] = useState(activities)
  if (seen !== activities) {
    setSeen(activities)
    setRows(activities)
    setCursor(next)
  }

  const visit = (change: Partial<ActivityListFilters>) => {
    const merged = { ...filters, ...change, cursor: null }
    const query = Object.fromEntries(
      Object.entries(merged).filter(([, v]) => v !== null && v !== '')
    )
    router.get('/crm/activities', query, { preserveState: true, replace: true })
  }
  const reload = () => router.reload({ only: ['activities', 'next'] })
  const more = async () => {
    const params = new URLSearchParams({
      ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
      cursor: cursor ?? '',
    } as Record<string, string>)
    params.set('format', 'json')
    const page = await apiJson<{ activities: ActivityDto[]; next: string | null }>(
      'GET',
      `/crm/activities?${params}`
    )
    if (!page.ok) return
    setRows((r) => [...r, ...page.body.activities])
    setCursor(page.body.next)
  }

  const option = (prefix: string, values: string[]) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }))
  return (
    <>
      <Head title={t('crm.nav.activities')} />
      <PageHeader
        title={t('crm.nav.activities')}
        actions={
          canCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setPlanning(true)}>
              {t('crm.activities.new')}
            </Button>
          )
        }
      />
      <Group gap="sm" mb="md" wrap="wrap" role="search">
        <Select
          label={t('crm.activities.filters.type')}
          data={[
            { value: '', label: t('crm.activities.filters.all_types') },
            ...types.map((x) => ({ value: String(x.id), label: x.name })),
          ]}
          value={filters.type}
          onChange={(v) => visit({ type: v ?? '' })}
          w={180}
        />
        <Select
          label={t('crm.activities.filters.status')}
          data={option('crm.activities.status', ['open', 'done', 'cancelled', 'all'])}
          value={filters.status}
          onChange={(v) => visit({ status: v ?? 'open' })}
          allowDeselect={false}
          w={160}
        />
        <Select
          label={t('crm.activities.filters.period')}
          data={option('crm.activities.period', ['all', 'overdue', 'today', 'week', 'future'])}
          value={filters.period}
          onChange={(v) => visit({ period: v ?? 'all' })}
          allowDeselect={false}
          w={180}
        />
        {assignees.length > 1 && (
          <Select
            label={t('crm.activities.filters.assignee')}
            data={[{ value: 'all', label: t('crm.activities.filters.all_people') }, ...assignees]}
            value={filters.assignee}
            onChange={(v) => visit({ assignee: v ?? String(userId) })}
            allowDeselect={false}
            searchable
            w={200}
          />
        )}
      </Group>
      {rows.length === 0 ? (
        <EmptyState title={t('crm.activities.empty')} />
      ) : (
        <Stack gap="xs" aria-live="polite">
          {rows.map((a) => (
            <ActivityItem
              key={a.id}
              activity={a}
              onChanged={reload}
              form={{ types, assignees, userId }}
            />
          ))}
        </Stack>
      )}
      {cursor && (
        <Group justify="center" mt="md">
          <Button variant="default" onClick={more}>
            {t('crm.activities.load_more')}
          </Button>
        </Group>
      )}
      {planning && (
        <ActivityForm
          opened
          onClose={() => setPlanning(false)}
          onSaved={() => (setPlanning(false), reload())}
          types={types}
          assignees={assignees}
          userId={userId}
          remindDefault={remindDefault}
        />
      )}
      <PreferencesPanel initial={remindDefault} />
    </>
  )
}

/**
 * "Preferencias de actividades": the reminder's default lead time for the activities the user
 * plans (the form proposes it; each activity may override it).
 */
function PreferencesPanel({ initial }: { initial: number | null }) {
  const { t } = useT()
  const [value, setValue] = useState(remindValue(initial))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async () => {
    setBusy(true)
    const result = await apiJson<{ message: string }>('PUT', '/crm/activities/preferences', {
      remindMinutes: value === 'none' ? null : Number(value),
    })
    setBusy(false)
    if (!result.ok) {
      setError(result.body.errors?.[0]?.message ?? String(result.status))
      return
    }
    setError(null)
    notifications.show({ color: 'teal', message: result.body.message })
    router.reload({ only: ['remindDefault'] })
  }
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      mt="xl"
      component="section"
      aria-labelledby="activity-preferences"
    >
      <Title order={5} id="activity-preferences" mb={4}>
        {t('crm.activities.preferences.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('crm.activities.preferences.help')}
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('crm.activities.preferences.remind')}
          data={REMIND_CHOICES.map((v) => ({
            value: v,
            label: t(`crm.activities.remind_options.${v}`),
          }))}
          value={value}
          onChange={(v) => setValue(v ?? 'none')}
          allowDeselect={false}
          error={error}
          w={220}
          data-testid="remind-default"
        />
        <Button variant="light" onClick={save} loading={busy}>
          {t('crm.activities.preferences.save')}
        </Button>
      </Group>
    </Paper>
  )
}
