import { useMemo, useState } from 'react'
import { Head } from '@inertiajs/react'
import { Grid, SimpleGrid, Stack, Tabs, Text } from '@mantine/core'
import cube from '@cubejs-client/core'
import { CubeProvider } from '@cubejs-client/react'
import { NavIcon, PageHeader, formatDate, useT } from '~/ui'
import { xsrfToken } from '~/ui/api'
import type { CubeWidgetDto, DashboardPage, WidgetDto } from '../../dto/dashboards'
import type { DrillPick } from './query'
import { FiltersBar } from './filters_bar'
import { ChartWidget, FiguresWidget, KpiTile, TableWidget, type OpenDrill } from './widgets'
import { DrillDrawer } from './drill'
import { AlertBanner } from '../shared/alert_banner'

const SPAN = { sm: { base: 12, xs: 6, md: 3 }, md: { base: 12, lg: 6 }, lg: { base: 12 } }

/** One module-declared dashboard: filters, KPI tiles, charts, tables, and drill-down. */
export default function DashboardShow(page: DashboardPage) {
  const { t, locale } = useT()
  // The period's days as the app writes dates (dd/mm/aaaa); they are calendar days, not instants.
  const day = (date: string) => formatDate(date, locale, 'UTC')
  const api = useMemo(
    () =>
      cube('', {
        apiUrl: page.apiUrl,
        headers: { 'X-XSRF-TOKEN': xsrfToken() },
        credentials: 'same-origin',
      } as any),
    [page.apiUrl]
  )
  const [drill, setDrill] = useState<{ widget: CubeWidgetDto; pick: DrillPick; caption: string }>()
  const onDrill: OpenDrill = (widget, pick, caption) => setDrill({ widget, pick, caption })
  const tiles = page.widgets.filter((w) => w.kind === 'kpi')
  const rest = page.widgets.filter((w) => w.kind !== 'kpi')
  const render = (w: WidgetDto) => {
    if (w.kind === 'figures') return <FiguresWidget widget={w} />
    if (w.kind === 'kpi') return <KpiTile widget={w} filters={page.filters} onDrill={onDrill} />
    if (w.kind === 'table')
      return <TableWidget widget={w} filters={page.filters} onDrill={onDrill} />
    return <ChartWidget widget={w} filters={page.filters} onDrill={onDrill} />
  }
  return (
    <CubeProvider cubeApi={api}>
      <Head title={page.dashboard.title} />
      <PageHeader
        title={page.dashboard.title}
        subtitle={page.dashboard.description}
        crumbs={[
          { label: t('analytics.nav.analytics'), href: '/analytics' },
          { label: t('analytics.dash.title'), href: '/analytics/dashboards' },
          { label: page.dashboard.title },
        ]}
      />
      <AlertBanner />
      <Stack gap="md">
        {page.others.length > 1 && (
          <Tabs
            value={page.dashboard.href}
            onChange={(href) => href && (window.location.href = href)}
          >
            <Tabs.List>
              {page.others.map((d) => (
                <Tabs.Tab
                  key={d.href}
                  value={d.href}
                  leftSection={<NavIcon name={d.icon} size={16} />}
                >
                  {d.title}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
        )}
        <FiltersBar page={page} />
        <Text size="xs" c="dimmed">
          {t('analytics.dash.period_note', {
            from: day(page.filters.from),
            to: day(page.filters.to),
          })}
        </Text>
        {tiles.length > 0 && (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4, xl: 5 }} spacing="md">
            {tiles.map((w) => (
              <div key={w.key}>{render(w)}</div>
            ))}
          </SimpleGrid>
        )}
        <Grid gap="md">
          {rest.map((w) => (
            <Grid.Col key={w.key} span={SPAN[w.size]}>
              {render(w)}
            </Grid.Col>
          ))}
        </Grid>
      </Stack>
      <DrillDrawer
        widget={drill?.widget ?? null}
        filters={page.filters}
        pick={drill?.pick ?? null}
        caption={drill?.caption ?? ''}
        onClose={() => setDrill(undefined)}
      />
    </CubeProvider>
  )
}
