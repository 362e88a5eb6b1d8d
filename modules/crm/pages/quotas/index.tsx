import { useState } from 'react'
import { Head, router } from '@inertiajs/react'
import { Button, Group, Progress, Select, Stack, Text, Tooltip } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { DataTable, EmptyState, PageHeader, useFormat, useT, type Column } from '~/ui'
import type { QuotaDto, QuotaPeriod, QuotasPageProps } from '../../dto/quotas'
import { QuotaModal } from './quota_modal'

const PERIODS: QuotaPeriod[] = ['month', 'quarter', 'ytd', 'year']

/** Green from 100 %, yellow from 70 %, red below. */
export function attainmentColor(pct: number | null): string {
  if (pct === null) return 'gray'
  return pct >= 100 ? 'teal' : pct >= 70 ? 'yellow' : 'red'
}

/** CRM › Cuotas de venta: each target's quota, achieved, attainment, gap, coverage and YoY. */
export default function Quotas(props: QuotasPageProps) {
  const { t, locale } = useT()
  const f = useFormat()
  const L = (key: string, values?: Record<string, unknown>) => t(`crm.quotas.${key}`, values)
  const [open, setOpen] = useState<QuotaDto | 'new' | null>(null)
  const go = (patch: Partial<{ year: number; period: QuotaPeriod; month: number }>) =>
    router.get(
      '/crm/quotas',
      { year: props.year, period: props.period, month: props.month, ...patch },
      { preserveScroll: true }
    )
  const thisYear = new Date().getFullYear()
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear + 1 - i))
  const monthName = (m: number) =>
    new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2000, m - 1, 1))
    )
  const pct = (value: number | null) => (value === null ? '—' : `${f.number(value, 1)} %`)
  const columns: Column<QuotaDto>[] = [
    {
      key: 'target',
      header: L('target_of'),
      render: (q) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {q.targetLabel}
          </Text>
          <Text size="xs" c="dimmed">
            {L(`kinds.${q.kind}`)}
          </Text>
        </Stack>
      ),
    },
    { key: 'quota', header: L('target'), render: (q) => f.money(q.attainment.targetMinor) },
    { key: 'actual', header: L('actual'), render: (q) => f.money(q.attainment.actualMinor) },
    {
      key: 'attainment',
      header: L('attainment'),
      width: 170,
      render: (q) => (
        <Stack gap={2} miw={120}>
          <Text size="sm" fw={600} c={attainmentColor(q.attainment.attainmentPct)}>
            {pct(q.attainment.attainmentPct)}
          </Text>
          <Progress
            value={Math.min(q.attainment.attainmentPct ?? 0, 100)}
            color={attainmentColor(q.attainment.attainmentPct)}
            aria-label={`${L('attainment')}: ${pct(q.attainment.attainmentPct)}`}
          />
        </Stack>
      ),
    },
    { key: 'gap', header: L('gap'), render: (q) => f.money(q.attainment.gapMinor) },
    {
      key: 'coverage',
      header: L('coverage'),
      render: (q) => (
        <Tooltip label={L('coverage_help')}>
          <span>
            {q.attainment.coverage === null ? '—' : `${f.number(q.attainment.coverage, 2)}×`}
          </span>
        </Tooltip>
      ),
    },
    {
      key: 'yoy',
      header: L('yoy'),
      render: (q) =>
        q.attainment.yoyPct === null ? (
          '—'
        ) : (
          <Text size="sm" c={q.attainment.yoyPct >= 0 ? 'teal' : 'red'}>
            {q.attainment.yoyPct > 0 ? '+' : ''}
            {pct(q.attainment.yoyPct)}
          </Text>
        ),
    },
  ]
  return (
    <>
      <Head title={L('title')} />
      <PageHeader
        title={L('title')}
        subtitle={L('subtitle')}
        actions={
          props.canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen('new')}>
              {L('new')}
            </Button>
          )
        }
      />
      <Group gap="sm" mb="md" align="flex-end">
        <Select
          label={L('year')}
          data={years.includes(String(props.year)) ? years : [String(props.year), ...years]}
          value={String(props.year)}
          onChange={(v) => v && go({ year: Number(v) })}
          allowDeselect={false}
          w={110}
        />
        <Select
          label={L('period')}
          data={PERIODS.map((p) => ({ value: p, label: L(`periods.${p}`) }))}
          value={props.period}
          onChange={(v) => v && go({ period: v as QuotaPeriod })}
          allowDeselect={false}
          w={190}
        />
        {props.period !== 'year' && (
          <Select
            label={L('month')}
            data={Array.from({ length: 12 }, (_, i) => ({
              value: String(i + 1),
              label: monthName(i + 1),
            }))}
            value={String(props.month)}
            onChange={(v) => v && go({ month: Number(v) })}
            allowDeselect={false}
            w={150}
          />
        )}
      </Group>
      {props.quotas.length === 0 ? (
        <EmptyState
          title={L('empty')}
          description={props.canManage ? L('empty_manage') : L('empty_view')}
        />
      ) : (
        <DataTable
          rows={props.quotas}
          columns={columns}
          rowKey={(q) => q.id}
          onRowClick={setOpen}
        />
      )}
      {open && (
        <QuotaModal
          quota={open === 'new' ? null : open}
          year={props.year}
          currency={props.currency}
          canManage={props.canManage}
          options={props.options}
          monthName={monthName}
          onClose={() => setOpen(null)}
          onSaved={() => {
            setOpen(null)
            router.reload({ only: ['quotas'] })
          }}
        />
      )}
    </>
  )
}
