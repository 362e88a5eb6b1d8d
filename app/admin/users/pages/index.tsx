import { useState } from 'react'
import { Head, Link } from '@inertiajs/react'
import { Anchor, Badge, Box, Button, Paper, Select, Text, TextInput } from '@mantine/core'
import { IconPlus, IconSearch } from '@tabler/icons-react'
import {
  applyFilters,
  DataTable,
  EmptyState,
  FilterPanel,
  KeysetPager,
  PageHeader,
  useFormat,
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

const BASE = '/admin/users'

interface UserRow {
  id: number
  fullName: string
  email: string
  isActive: boolean
  roles: { id: number; name: string; isAdmin: boolean }[]
  teams: string[]
  reportsTo: string | null
  lastLoginAt: string | null
}

interface Props {
  users: UserRow[]
  next: string | null
  prev: string | null
  /** Rows before this page (for "26–50 de 300"). */
  offset: number
  count: CappedCount
  filters: {
    q: string
    status: 'active' | 'inactive' | null
    roleId: number | null
    cursor: string | null
    before: string | null
  }
  roles: { value: string; label: string }[]
}

export default function UsersIndex({ users, next, prev, offset, count, filters, roles }: Props) {
  const { t } = useT()
  const f = useFormat()
  const phone = usePhone()
  const [q, setQ] = useState(filters.q)
  const base = { q: filters.q, status: filters.status, roleId: filters.roleId }
  const apply = (changes: Partial<typeof base>) => applyFilters(BASE, { ...base, ...changes })

  const columns: Column<UserRow>[] = [
    {
      key: 'name',
      header: t('admin.users.columns.name'),
      render: (u) => (
        <Box component="span" style={inlineLines}>
          <Anchor component={Link} href={`/admin/users/${u.id}/edit`} fw={600}>
            {u.fullName}
          </Anchor>
          <Text span size="xs" c="dimmed" hiddenFrom="sm">
            {u.email}
          </Text>
        </Box>
      ),
    },
    {
      key: 'email',
      header: t('admin.users.columns.email'),
      render: (u) => u.email,
      hideOnMobile: true,
    },
    {
      key: 'roles',
      header: t('admin.users.columns.roles'),
      render: (u) => (
        <Box component="span" style={inlineRow}>
          {u.roles.length === 0 && (
            <Text span size="sm" c="dimmed">
              —
            </Text>
          )}
          {u.roles.map((r) => (
            <Badge
              key={r.id}
              component="span"
              styles={fullBadge}
              variant="light"
              color={r.isAdmin ? 'grape' : 'indigo'}
              tt="none"
            >
              {r.name}
            </Badge>
          ))}
        </Box>
      ),
    },
    {
      key: 'teams',
      header: t('admin.users.columns.teams'),
      render: (u) => u.teams.join(', ') || '—',
    },
    {
      key: 'reports',
      header: t('admin.users.columns.reports_to'),
      render: (u) => u.reportsTo ?? '—',
    },
    {
      key: 'login',
      header: t('admin.users.columns.last_login'),
      render: (u) => (u.lastLoginAt ? f.dateTime(u.lastLoginAt) : t('admin.users.never')),
    },
    {
      key: 'status',
      header: t('admin.users.columns.status'),
      render: (u) => (
        <Badge
          component="span"
          styles={fullBadge}
          variant="dot"
          color={u.isActive ? 'teal' : 'gray'}
          tt="none"
        >
          {t(`admin.users.status.${u.isActive ? 'active' : 'inactive'}`)}
        </Badge>
      ),
    },
  ]

  // As on the CRM lists: the badge counts the folded filters; the search box stays in view.
  const active = [filters.status, filters.roleId].filter(Boolean).length
  return (
    <>
      <Head title={t('admin.users.title')} />
      <PageHeader
        title={t('admin.users.title')}
        subtitle={t('admin.users.subtitle')}
        crumbs={[{ label: t('admin.nav.title') }, { label: t('admin.users.title') }]}
        actions={
          <Button component={Link} href="/admin/users/create" leftSection={<IconPlus size={16} />}>
            {t('admin.users.new')}
          </Button>
        }
      />
      <FilterPanel
        active={active}
        onClear={() => {
          setQ('')
          applyFilters(BASE, {})
        }}
        search={
          <form
            onSubmit={(e) => {
              e.preventDefault()
              apply({ q })
            }}
          >
            <TextInput
              aria-label={t('admin.users.search')}
              placeholder={t('admin.users.search')}
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              onBlur={() => q !== filters.q && apply({ q })}
            />
          </form>
        }
      >
        <Select
          aria-label={t('admin.users.columns.status')}
          data={[
            { value: '', label: t('admin.users.all_statuses') },
            { value: 'active', label: t('admin.users.status.active') },
            { value: 'inactive', label: t('admin.users.status.inactive') },
          ]}
          value={filters.status ?? ''}
          onChange={(v) => apply({ status: (v || null) as Props['filters']['status'] })}
          allowDeselect={false}
        />
        <Select
          aria-label={t('admin.users.columns.roles')}
          data={[
            { value: '', label: t('admin.users.all_roles') },
            ...roles.map((r) => ({ value: r.value, label: r.label })),
          ]}
          value={filters.roleId ? String(filters.roleId) : ''}
          onChange={(v) => apply({ roleId: v ? Number(v) : null })}
          allowDeselect={false}
          searchable
        />
      </FilterPanel>
      {users.length === 0 ? (
        <EmptyState
          title={t('admin.users.empty_title')}
          description={t('admin.users.empty_description')}
          action={
            <Button
              component={Link}
              href="/admin/users/create"
              variant="light"
              leftSection={<IconPlus size={16} />}
            >
              {t('admin.users.new')}
            </Button>
          }
        />
      ) : (
        <Paper radius="md" {...listFrame(phone)}>
          <DataTable rows={users} columns={columns} rowKey={(u) => u.id} />
        </Paper>
      )}
      <KeysetPager
        count={count}
        noun={(n) => t('admin.users.noun', { count: n })}
        firstHref={listUrl(BASE, base)}
        prevHref={prev ? listUrl(BASE, { ...base, before: prev }) : null}
        nextHref={next ? listUrl(BASE, { ...base, cursor: next }) : null}
        isFirstPage={!prev}
        offset={offset}
        shown={users.length}
      />
    </>
  )
}
