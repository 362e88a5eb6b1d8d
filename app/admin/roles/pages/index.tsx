import { Head, Link } from '@inertiajs/react'
import { Anchor, Badge, Box, Button, Paper, Text } from '@mantine/core'
import { IconPlus, IconShieldCheck } from '@tabler/icons-react'
import {
  DataTable,
  EmptyState,
  KeysetPager,
  PageHeader,
  useT,
  type CappedCount,
  type Column,
  fullBadge,
  inlineLines,
  inlineRow,
  listFrame,
  usePhone,
  listUrl,
} from '~/ui'
import { DeleteRoleButton, useHoldersText } from './delete_role'

interface RoleRow {
  id: number
  name: string
  description: string | null
  isAdmin: boolean
  users: number
  holders: string[]
}

export default function RolesIndex({
  roles,
  next,
  prev,
  offset,
  count,
}: {
  roles: RoleRow[]
  next: string | null
  prev: string | null
  /** Rows before this page (for "51–100 de 300"). */
  offset: number
  count: CappedCount
}) {
  const { t } = useT()
  const phone = usePhone()
  const holders = useHoldersText()
  const columns: Column<RoleRow>[] = [
    {
      key: 'name',
      header: t('admin.roles.columns.name'),
      render: (r) => (
        <Box component="span" style={inlineLines}>
          <Anchor component={Link} href={`/admin/roles/${r.id}/edit`} fw={600}>
            {r.name}
          </Anchor>
          {r.description && (
            <Text span size="xs" c="dimmed">
              {r.description}
            </Text>
          )}
        </Box>
      ),
    },
    {
      key: 'admin',
      header: t('admin.roles.columns.admin'),
      render: (r) =>
        r.isAdmin ? (
          <Badge
            component="span"
            styles={fullBadge}
            color="grape"
            variant="light"
            tt="none"
            leftSection={<IconShieldCheck size={12} />}
          >
            {t('admin.roles.admin_badge')}
          </Badge>
        ) : (
          <Text span size="sm" c="dimmed">
            {t('common.no')}
          </Text>
        ),
    },
    {
      key: 'users',
      header: t('admin.roles.columns.users'),
      render: (r) => (
        <Box component="span" style={inlineLines}>
          <Text span size="sm">
            {t('admin.roles.users_count', { count: r.users })}
          </Text>
          {r.users > 0 && (
            <Text span size="xs" c="dimmed" data-testid={`holders-${r.id}`}>
              {holders(r)}
            </Text>
          )}
        </Box>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      render: (r) => (
        <Box component="span" style={inlineRow}>
          <Button component={Link} href={`/admin/roles/${r.id}/edit`} size="xs" variant="default">
            {t('common.edit')}
          </Button>
          <DeleteRoleButton size="xs" role={r} label={t('common.delete')} preserveScroll />
        </Box>
      ),
    },
  ]
  const newButton = (
    <Button component={Link} href="/admin/roles/create" leftSection={<IconPlus size={16} />}>
      {t('admin.roles.new')}
    </Button>
  )
  return (
    <>
      <Head title={t('admin.roles.title')} />
      <PageHeader
        title={t('admin.roles.title')}
        subtitle={t('admin.roles.subtitle')}
        crumbs={[{ label: t('admin.nav.title') }, { label: t('admin.roles.title') }]}
        actions={newButton}
      />
      {roles.length === 0 ? (
        <EmptyState
          title={t('admin.roles.empty_title')}
          description={t('admin.roles.empty_description')}
          action={newButton}
        />
      ) : (
        <Paper radius="md" {...listFrame(phone)}>
          <DataTable rows={roles} columns={columns} rowKey={(r) => r.id} />
        </Paper>
      )}
      <KeysetPager
        count={count}
        noun={(n) => t('admin.roles.noun', { count: n })}
        firstHref="/admin/roles"
        prevHref={prev ? listUrl('/admin/roles', { before: prev }) : null}
        nextHref={next ? listUrl('/admin/roles', { cursor: next }) : null}
        isFirstPage={!prev}
        offset={offset}
        shown={roles.length}
      />
    </>
  )
}
