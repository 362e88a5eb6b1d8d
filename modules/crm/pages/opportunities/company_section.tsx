import { Link, router } from '@inertiajs/react'
import { Anchor, Badge, Group, Paper, Text, Title } from '@mantine/core'
import { DataTable, useFormat, useT, type Column } from '~/ui'
import type { CompanyOpportunity } from '../../dto/opportunities'

const STATUS_COLOR = { open: 'blue', won: 'green', lost: 'red' } as const

/** A company page's "Oportunidades": stage, amount and owner of each (the reader's scope). */
export function CompanyOpportunities({ items }: { items: CompanyOpportunity[] | null }) {
  const { t } = useT()
  const f = useFormat()
  if (!items) return null
  const columns: Column<CompanyOpportunity>[] = [
    {
      key: 'name',
      header: t('crm.opportunities.fields.name'),
      render: (o) => (
        <Anchor component={Link} href={`/crm/opportunities/${o.id}`} size="sm">
          {o.name}
        </Anchor>
      ),
    },
    {
      key: 'stage',
      header: t('crm.opportunities.fields.stage'),
      render: (o) => (
        <Group gap={4} wrap="nowrap">
          <Text size="sm">{o.stageName}</Text>
          {o.status !== 'open' && (
            <Badge size="xs" color={STATUS_COLOR[o.status]}>
              {t(`crm.opportunities.status.${o.status}`)}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'amount',
      header: t('crm.opportunities.fields.amount'),
      render: (o) => f.money(o.amountMinor, o.currency),
    },
    {
      key: 'owner',
      header: t('crm.opportunities.fields.owner'),
      render: (o) => o.ownerName ?? '—',
    },
  ]
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={t('crm.opportunities.title')}
    >
      <Title order={5} mb="sm">
        {t('crm.opportunities.title')}{' '}
        <Text span c="dimmed" size="sm">
          {items.length}
        </Text>
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('crm.opportunities.company_empty')}
        </Text>
      ) : (
        <DataTable
          rows={items}
          columns={columns}
          rowKey={(o) => o.id}
          onRowClick={(o) => router.visit(`/crm/opportunities/${o.id}`)}
        />
      )}
    </Paper>
  )
}
