import { Head, Link } from '@inertiajs/react'
import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import {
  EmptyState,
  ExportMenu,
  listUrl,
  ListView,
  PageHeader,
  SavedViews,
  TagList,
  useCan,
  useFormat,
  useListUrl,
  useNewRecordShortcut,
  useT,
  type BulkConfig,
  type CappedCount,
  type ListProps,
} from '~/ui'
import type { OpportunityRow, OpportunityTotals } from '../../dto/opportunity_list'
import {
  PriorityStars,
  useOpportunityFilters,
  ViewSwitch,
  type FilterOptions,
} from './board_filters'
import { ListSearch } from '../shared/list_parts'

const BASE = '/crm/opportunities/list'
const RECORD = '/crm/opportunities'
const STATUS_COLOR = { open: 'blue', won: 'green', lost: 'red' } as const

type Props = FilterOptions & {
  opportunities: OpportunityRow[]
  next: string | null
  prev: string | null
  offset: number
  count: CappedCount
  totals: OpportunityTotals
  list: ListProps
  /** The organization's currency (sums and the amount column). */
  currency: string
  bulk?: BulkConfig | null
}

/**
 * The opportunities as a list: every pipeline, the board's filters (the same URL names, so the
 * "Tablero | Lista" switch and a saved view serve both), the sums of what matches in the
 * user's scope, sorting, keyset paging, the column chooser and the export.
 */
export default function OpportunitiesList(props: Props) {
  const { opportunities, filters, totals } = props
  const { t } = useT()
  const f = useFormat()
  const can = useCan()
  useNewRecordShortcut(can('crm.opportunities.create') ? `${RECORD}/create` : null)
  const url = useListUrl(BASE)
  const set = (patch: Record<string, string | null>) =>
    url.apply(Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v || null])))
  const filterUi = useOpportunityFilters({ ...props, set, withStage: true })
  // The export takes the list's filters and order, not its page.
  const exportParams = { ...url.params, cursor: null, before: null, count: null, per: null }
  const sourceLabel = (code: string | null) =>
    code ? (props.sources.find((o) => o.value === code)?.label ?? code) : '—'
  const dimmed = (text: string) => (
    <Text span size="sm" c="dimmed">
      {text}
    </Text>
  )
  const nowrap = { whiteSpace: 'nowrap' } as const
  const render: Record<string, (r: OpportunityRow) => React.ReactNode> = {
    name: (r) => (
      <Anchor component={Link} href={`${RECORD}/${r.id}`} prefetch fw={600} size="sm">
        {r.name}
      </Anchor>
    ),
    company: (r) =>
      r.companyId ? (
        <Anchor component={Link} href={`/crm/companies/${r.companyId}`} size="sm">
          {r.companyName}
        </Anchor>
      ) : (
        '—'
      ),
    stage: (r) => r.stageName,
    status: (r) => (
      <Badge variant="light" color={STATUS_COLOR[r.status]} style={{ minWidth: 'max-content' }}>
        {t(`crm.opportunities.status.${r.status}`)}
      </Badge>
    ),
    amount: (r) => (
      <Stack gap={0} align="flex-end" style={nowrap}>
        <Text span size="sm">
          {f.money(r.amountOrgMinor)}
        </Text>
        {r.currency !== props.currency && (
          <Text span size="xs" c="dimmed">
            {f.money(r.amountMinor, r.currency)}
          </Text>
        )}
      </Stack>
    ),
    weighted: (r) => (
      <Text span size="sm" style={nowrap}>
        {f.money(r.weightedOrgMinor)}
      </Text>
    ),
    probability: (r) => `${r.probability} %`,
    close: (r) =>
      r.expectedCloseOn ? (
        <Text span size="sm" style={nowrap}>
          {f.date(r.expectedCloseOn)}
        </Text>
      ) : (
        '—'
      ),
    owner: (r) => r.ownerName ?? dimmed(t('crm.list.unassigned')),
    team: (r) => r.teamName ?? '—',
    priority: (r) => (r.priority > 0 ? <PriorityStars value={r.priority} /> : '—'),
    source: (r) => sourceLabel(r.source),
    tags: (r) => <TagList tags={r.tags ?? []} />,
    created: (r) => (
      <Text span size="sm" style={nowrap}>
        {f.date(r.createdAt)}
      </Text>
    ),
  }
  const newButton = can('crm.opportunities.create') ? (
    <Button component={Link} href={`${RECORD}/create`} leftSection={<IconPlus size={16} />}>
      {t('crm.opportunities.new')}
    </Button>
  ) : undefined

  return (
    <>
      <Head title={t('crm.opportunities.title')} />
      <PageHeader
        title={t('crm.opportunities.title')}
        actions={
          <>
            {can('crm.opportunities.export') && opportunities.length > 0 && (
              <ExportMenu
                csvHref={listUrl(`${RECORD}/export`, exportParams)}
                xlsxHref={listUrl(`${RECORD}/export/xlsx`, exportParams)}
              />
            )}
            {newButton}
          </>
        }
      />
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <ViewSwitch current="list" />
        <SavedViews resource="crm.opportunities" />
      </Group>
      {totals.count > 0 && (
        <Text size="sm" c="dimmed" mb="xs" data-testid="list-totals">
          {t('crm.list.totals', {
            count: totals.count,
            total: f.money(totals.totalMinor),
            weighted: f.money(totals.weightedMinor),
          })}
        </Text>
      )}
      <ListView
        base={BASE}
        rows={opportunities}
        rowId={(r) => r.id}
        rowHref={(r) => `${RECORD}/${r.id}`}
        list={props.list}
        render={render}
        count={props.count}
        next={props.next}
        prev={props.prev}
        offset={props.offset}
        noun={(n) => t('crm.list.noun', { count: n })}
        chips={filterUi.chips}
        search={
          <ListSearch
            value={filters.q}
            placeholder={t('crm.list.search_placeholder')}
            onSearch={(q) => set({ q })}
          />
        }
        filters={filterUi.inputs}
        bulk={props.bulk ?? null}
        empty={
          <EmptyState
            title={t('crm.list.empty_title')}
            description={
              can('crm.opportunities.create')
                ? t('crm.list.empty_description')
                : t('crm.list.empty_readonly')
            }
            action={newButton}
          />
        }
      />
    </>
  )
}
