import { useState } from 'react'
import { router } from '@inertiajs/react'
import { Button, Group, Select } from '@mantine/core'
import { DateField, useT } from '~/ui'
import type { DashboardPage, PeriodPreset } from '../../dto/dashboards'

const PRESETS: PeriodPreset[] = ['month', 'quarter', 'year', 'custom']

/** Period (this month, quarter, year or custom dates), team and rep: the page reloads with them. */
export function FiltersBar({ page }: { page: DashboardPage }) {
  const { t } = useT()
  const { filters, dashboard } = page
  const [from, setFrom] = useState(filters.from)
  const [to, setTo] = useState(filters.to)
  const [custom, setCustom] = useState(filters.period === 'custom')
  const go = (patch: Record<string, string | number | null>) => {
    const params: Record<string, string | number | null> = {
      period: filters.period,
      ...(filters.period === 'custom' ? { from: filters.from, to: filters.to } : {}),
      team: filters.teamId,
      rep: dashboard.filters.includes('rep') ? filters.repId : null,
      ...patch,
    }
    const query = Object.fromEntries(
      Object.entries(params).filter(([, v]) => v !== null && v !== '')
    )
    router.get(dashboard.href, query as any, { preserveScroll: true, preserveState: true })
  }
  const offers = (f: 'period' | 'team' | 'rep') => dashboard.filters.includes(f)
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="dashboard-filters">
      {offers('period') && (
        <Select
          label={t('analytics.dash.filters.period')}
          data={PRESETS.map((p) => ({ value: p, label: t(`analytics.dash.periods.${p}`) }))}
          value={custom ? 'custom' : filters.period}
          allowDeselect={false}
          w={170}
          onChange={(value) => {
            if (value === 'custom') setCustom(true)
            else if (value) {
              setCustom(false)
              go({ period: value, from: null, to: null })
            }
          }}
        />
      )}
      {offers('period') && custom && (
        <>
          <DateField
            label={t('analytics.dash.filters.from')}
            value={from || null}
            onChange={(value) => setFrom(value ?? '')}
            w={160}
          />
          <DateField
            label={t('analytics.dash.filters.to')}
            value={to || null}
            onChange={(value) => setTo(value ?? '')}
            w={160}
          />
          <Button
            variant="light"
            onClick={() => go({ period: 'custom', from, to })}
            disabled={!from || !to || from > to}
          >
            {t('analytics.dash.filters.apply')}
          </Button>
        </>
      )}
      {offers('team') && (
        <Select
          label={t('analytics.dash.filters.team')}
          placeholder={t('analytics.dash.filters.all_teams')}
          data={page.teams}
          value={filters.teamId ? String(filters.teamId) : null}
          clearable
          searchable
          w={200}
          onChange={(value) => go({ team: value })}
        />
      )}
      {offers('rep') && (
        <Select
          label={t('analytics.dash.filters.rep')}
          placeholder={t('analytics.dash.filters.all_reps')}
          data={page.reps}
          value={filters.repId ? String(filters.repId) : null}
          clearable
          searchable
          w={220}
          onChange={(value) => go({ rep: value })}
        />
      )}
    </Group>
  )
}
