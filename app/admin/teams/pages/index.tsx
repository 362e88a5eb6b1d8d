import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Box, Button, Paper, Text } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
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
  inlineRow,
  listFrame,
  usePhone,
  listUrl,
} from '~/ui'

interface TeamRow {
  id: number
  name: string
  leader: string | null
  members: number
  monthlyTargetMinor: string
  currency: string
}

export default function TeamsIndex({
  teams,
  next,
  prev,
  offset,
  count,
}: {
  teams: TeamRow[]
  next: string | null
  prev: string | null
  /** Rows before this page (for "51–100 de 300"). */
  offset: number
  count: CappedCount
}) {
  const { t } = useT()
  const f = useFormat()
  const phone = usePhone()
  const columns: Column<TeamRow>[] = [
    {
      key: 'name',
      header: t('admin.teams.columns.name'),
      render: (r) => (
        <Anchor component={Link} href={`/admin/teams/${r.id}/edit`} fw={600}>
          {r.name}
        </Anchor>
      ),
    },
    {
      key: 'leader',
      header: t('admin.teams.columns.leader'),
      render: (r) =>
        r.leader ?? (
          <Text span size="sm" c="dimmed">
            {t('admin.teams.no_leader')}
          </Text>
        ),
    },
    {
      key: 'members',
      header: t('admin.teams.columns.members'),
      render: (r) => f.number(r.members),
    },
    {
      key: 'target',
      header: t('admin.teams.columns.target'),
      render: (r) => (
        <Text span size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {f.money(r.monthlyTargetMinor, r.currency)}
        </Text>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      render: (r) => (
        <Box component="span" style={inlineRow}>
          <Button component={Link} href={`/admin/teams/${r.id}/edit`} size="xs" variant="default">
            {t('common.edit')}
          </Button>
          <ConfirmButton
            size="xs"
            label={t('common.delete')}
            title={t('admin.teams.delete_title')}
            message={t('admin.teams.delete_message', { name: r.name })}
            onConfirm={() => router.delete(`/admin/teams/${r.id}`, { preserveScroll: true })}
          />
        </Box>
      ),
    },
  ]
  const newButton = (
    <Button component={Link} href="/admin/teams/create" leftSection={<IconPlus size={16} />}>
      {t('admin.teams.new')}
    </Button>
  )
  return (
    <>
      <Head title={t('admin.teams.title')} />
      <PageHeader
        title={t('admin.teams.title')}
        subtitle={t('admin.teams.subtitle')}
        crumbs={[{ label: t('admin.nav.title') }, { label: t('admin.teams.title') }]}
        actions={newButton}
      />
      {teams.length === 0 ? (
        <EmptyState
          title={t('admin.teams.empty_title')}
          description={t('admin.teams.empty_description')}
          action={newButton}
        />
      ) : (
        <Paper radius="md" {...listFrame(phone)}>
          <DataTable rows={teams} columns={columns} rowKey={(r) => r.id} />
        </Paper>
      )}
      <KeysetPager
        count={count}
        noun={(n) => t('admin.teams.noun', { count: n })}
        firstHref="/admin/teams"
        prevHref={prev ? listUrl('/admin/teams', { before: prev }) : null}
        nextHref={next ? listUrl('/admin/teams', { cursor: next }) : null}
        isFirstPage={!prev}
        offset={offset}
        shown={teams.length}
      />
    </>
  )
}
