import { Head, useForm } from '@inertiajs/react'
import {
  Alert,
  Badge,
  Box,
  Button,
  Divider,
  FileInput,
  Grid,
  Group,
  NumberInput,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconCertificate, IconUpload } from '@tabler/icons-react'
import {
  DataTable,
  EmptyState,
  PageHeader,
  useFormat,
  useT,
  type Column,
  fullBadge,
  inlineRow,
  listFrame,
  usePhone,
} from '~/ui'

interface Payload {
  id: string
  customer: string
  tier: string
  seats: number
  issuedAt: string
  expiresAt: string
}

interface HistoryRow {
  id: number
  licenceId: string
  customer: string | null
  tier: string | null
  seats: number | null
  expiresAt: string | null
  installedAt: string
  installedBy: string | null
  current: boolean
}

interface OrganizationSeats {
  id: number
  name: string
  host: boolean
  activeUsers: number
  seatQuota: number | null
}

interface Overview {
  mode: 'licensed' | 'evaluation' | 'grace' | 'restricted'
  canManage: boolean
  restrictedTier: string
  tier: string
  seats: number
  /** The whole installation's for the host; only this organization's for any other. */
  activeUsers: number
  seatQuota: number | null
  /** The host only: every organization with its active users and quota. */
  organizations: OrganizationSeats[] | null
  licence: Payload | null
  problem: { code: string; licence: Payload | null; graceUntil: string | null } | null
  evaluation: { tier: string; seats: number }
  history: HistoryRow[]
}

/** A calendar date (YYYY-MM-DD) as dd/mm/yyyy, without time-zone shifts. */
const day = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('/') : '—')

export default function LicencePage({ overview }: { overview: Overview }) {
  const { t } = useT()
  const f = useFormat()
  const form = useForm<{ file: File | null; content: string }>({ file: null, content: '' })
  const tierName = (tier: string | null) => (tier ? t(`admin.modules.tiers.${tier}`) : '—')
  const phone = usePhone()
  // The host weighs the installation against the licence; another organization itself against its quota.
  const limit = overview.canManage ? overview.seats : overview.seatQuota
  const used =
    limit === null
      ? null
      : Math.min(100, Math.round((overview.activeUsers / Math.max(1, limit)) * 100))

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.post('/admin/licence', {
      forceFormData: form.data.file !== null,
      preserveScroll: true,
      onSuccess: () => form.reset(),
    })
  }

  const facts: [string, React.ReactNode][] = [
    [t('admin.licence.tier'), tierName(overview.tier)],
    overview.canManage
      ? [
          t('admin.licence.seats'),
          t('admin.licence.seats_value', {
            used: f.number(overview.activeUsers),
            total: f.number(overview.seats),
          }),
        ]
      : [
          t('admin.licence.seats_own'),
          overview.seatQuota === null
            ? f.number(overview.activeUsers)
            : t('admin.licence.seats_own_quota', {
                used: f.number(overview.activeUsers),
                quota: f.number(overview.seatQuota),
              }),
        ],
    // Customer, expiry and id belong to a licence; evaluation mode has none.
    ...(overview.licence
      ? ([
          [t('admin.licence.customer'), overview.licence.customer],
          [t('admin.licence.expires'), day(overview.licence.expiresAt)],
          [t('admin.licence.licence_id'), overview.licence.id],
        ] as [string, React.ReactNode][])
      : []),
  ]

  const historyColumns: Column<HistoryRow>[] = [
    {
      key: 'id',
      header: t('admin.licence.columns.licence_id'),
      render: (h) => (
        <Box component="span" style={inlineRow}>
          <Text span size="sm" fw={600} ff="monospace">
            {h.licenceId}
          </Text>
          {h.current && (
            <Badge component="span" styles={fullBadge} size="xs" variant="light" tt="none">
              {t('admin.licence.in_force')}
            </Badge>
          )}
        </Box>
      ),
    },
    {
      key: 'installed',
      header: t('admin.licence.columns.installed_at'),
      render: (h) => f.dateTime(h.installedAt),
    },
    {
      key: 'customer',
      header: t('admin.licence.columns.customer'),
      render: (h) => h.customer ?? '—',
    },
    { key: 'tier', header: t('admin.licence.columns.tier'), render: (h) => tierName(h.tier) },
    { key: 'seats', header: t('admin.licence.columns.seats'), render: (h) => h.seats ?? '—' },
    { key: 'expires', header: t('admin.licence.columns.expires'), render: (h) => day(h.expiresAt) },
    {
      key: 'by',
      header: t('admin.licence.columns.installed_by'),
      render: (h) => h.installedBy ?? '—',
    },
  ]

  return (
    <>
      <Head title={t('admin.licence.title')} />
      <PageHeader
        title={t('admin.licence.title')}
        subtitle={t('admin.licence.subtitle')}
        crumbs={[{ label: t('admin.nav.title') }, { label: t('admin.licence.title') }]}
      />
      {overview.problem && (
        <Alert
          color={overview.mode === 'grace' ? 'orange' : 'red'}
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          mb="md"
          title={
            overview.mode === 'grace'
              ? t('admin.licence.problems.grace', { until: day(overview.problem.graceUntil) })
              : t(`admin.licence.problems.${overview.problem.code}`, {
                  tier: tierName(overview.restrictedTier),
                })
          }
        >
          {overview.problem.licence && (
            <Text size="sm" mb={4}>
              {t('admin.licence.problem_licence', {
                id: overview.problem.licence.id,
                customer: overview.problem.licence.customer,
                expiresAt: day(overview.problem.licence.expiresAt),
              })}
            </Text>
          )}
          <Text size="sm">{t('admin.licence.nothing_lost')}</Text>
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder radius="md" p="md" h="100%">
            <Stack gap="sm">
              <Group justify="space-between">
                <Title order={4}>{t('admin.licence.current')}</Title>
                <Badge
                  color={
                    { licensed: 'teal', evaluation: 'blue', grace: 'orange', restricted: 'red' }[
                      overview.mode
                    ]
                  }
                  variant="light"
                  tt="none"
                  size="lg"
                >
                  {t(`admin.licence.mode.${overview.mode}`)}
                </Badge>
              </Group>
              {overview.mode === 'evaluation' && (
                <Text size="sm" c="dimmed">
                  {t('admin.licence.evaluation_help', {
                    tier: tierName(overview.evaluation.tier),
                    seats: overview.evaluation.seats,
                  })}
                </Text>
              )}
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs">
                {facts.map(([label, value]) => (
                  <div key={label}>
                    <Text size="xs" c="dimmed" tt="uppercase">
                      {label}
                    </Text>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {value}
                    </Text>
                  </div>
                ))}
              </SimpleGrid>
              {used !== null && (
                <Progress
                  value={used}
                  color={used >= 100 ? 'red' : used >= 80 ? 'orange' : 'teal'}
                  aria-label={t('admin.licence.seats')}
                />
              )}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder radius="md" p="md" h="100%">
            {!overview.canManage ? (
              <Stack gap="sm">
                <Title order={4}>{t('admin.licence.upload_title')}</Title>
                <Text size="sm" c="dimmed">
                  {t('admin.licence.managed_by_operator')}
                </Text>
              </Stack>
            ) : (
              <form onSubmit={submit} noValidate>
                <Stack gap="sm">
                  <Title order={4}>{t('admin.licence.upload_title')}</Title>
                  <Text size="sm" c="dimmed">
                    {t('admin.licence.upload_help')}
                  </Text>
                  <FileInput
                    label={t('admin.licence.file')}
                    placeholder={t('admin.licence.file_placeholder')}
                    accept=".json,.lic,.txt,application/json,text/plain"
                    leftSection={<IconCertificate size={16} />}
                    value={form.data.file}
                    onChange={(file) => form.setData('file', file)}
                    error={form.errors.file}
                    clearable
                  />
                  <Divider label={t('admin.licence.or')} labelPosition="center" />
                  <Textarea
                    label={t('admin.licence.content')}
                    placeholder={t('admin.licence.content_placeholder')}
                    autosize
                    minRows={3}
                    maxRows={8}
                    styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
                    value={form.data.content}
                    onChange={(e) => form.setData('content', e.currentTarget.value)}
                    error={form.errors.content}
                    disabled={form.data.file !== null}
                  />
                  <Button
                    type="submit"
                    leftSection={<IconUpload size={16} />}
                    loading={form.processing}
                    w="fit-content"
                    disabled={!form.data.file && !form.data.content.trim()}
                  >
                    {t('admin.licence.install')}
                  </Button>
                </Stack>
              </form>
            )}
          </Paper>
        </Grid.Col>
      </Grid>

      {overview.canManage && overview.organizations && (
        <SeatQuotas organizations={overview.organizations} seats={overview.seats} />
      )}

      <Title order={4} mt="xl" mb="sm">
        {t('admin.licence.history')}
      </Title>
      {overview.history.length === 0 ? (
        <EmptyState title={t('admin.licence.history_empty')} />
      ) : (
        <Paper radius="md" {...listFrame(phone)}>
          <DataTable rows={overview.history} columns={historyColumns} rowKey={(h) => h.id} />
        </Paper>
      )}
    </>
  )
}

/** The host's share-out of the licence's seats among the organizations of the installation. */
function SeatQuotas({
  organizations,
  seats,
}: {
  organizations: OrganizationSeats[]
  seats: number
}) {
  const { t } = useT()
  const f = useFormat()
  const phone = usePhone()
  const form = useForm<{ quotas: { organizationId: number; seatQuota: number | null }[] }>({
    quotas: organizations.map((o) => ({ organizationId: o.id, seatQuota: o.seatQuota })),
  })
  const quotaOf = (id: number) =>
    form.data.quotas.find((q) => q.organizationId === id)?.seatQuota ?? null
  const setQuota = (id: number, value: string | number) =>
    form.setData(
      'quotas',
      form.data.quotas.map((q) =>
        q.organizationId === id
          ? { ...q, seatQuota: value === '' ? null : Math.max(0, Math.trunc(Number(value))) }
          : q
      )
    )
  const sum = form.data.quotas.reduce((total, q) => total + (q.seatQuota ?? 0), 0)
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    form.put('/admin/licence/quotas', { preserveScroll: true })
  }

  const columns: Column<OrganizationSeats>[] = [
    {
      key: 'name',
      header: t('admin.licence.quotas.organization'),
      render: (o) => (
        <Box component="span" style={inlineRow}>
          <Text span size="sm" fw={600}>
            {o.name}
          </Text>
          {o.host && (
            <Badge component="span" styles={fullBadge} size="xs" variant="light" tt="none">
              {t('admin.licence.quotas.host')}
            </Badge>
          )}
        </Box>
      ),
    },
    {
      key: 'active',
      header: t('admin.licence.quotas.active_users'),
      render: (o) => f.number(o.activeUsers),
    },
    {
      key: 'quota',
      header: t('admin.licence.quotas.quota'),
      render: (o) => (
        <NumberInput
          size="xs"
          w={120}
          min={0}
          max={seats}
          allowDecimal={false}
          allowNegative={false}
          aria-label={`${t('admin.licence.quotas.quota')} · ${o.name}`}
          placeholder={t('admin.licence.quotas.no_quota')}
          value={quotaOf(o.id) ?? ''}
          onChange={(value) => setQuota(o.id, value)}
        />
      ),
    },
  ]

  return (
    <form onSubmit={submit} noValidate>
      <Group justify="space-between" mt="xl" mb="sm" align="flex-end">
        <div>
          <Title order={4}>{t('admin.licence.quotas.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('admin.licence.quotas.help', { seats: f.number(seats) })}
          </Text>
        </div>
        <Button type="submit" loading={form.processing}>
          {t('admin.licence.quotas.save')}
        </Button>
      </Group>
      <Paper radius="md" {...listFrame(phone)}>
        <DataTable rows={organizations} columns={columns} rowKey={(o) => o.id} />
      </Paper>
      <Text size="sm" mt="xs" c={sum > seats || form.errors.quotas ? 'red' : 'dimmed'}>
        {form.errors.quotas ??
          t('admin.licence.quotas.total', { sum: f.number(sum), seats: f.number(seats) })}
      </Text>
    </form>
  )
}
