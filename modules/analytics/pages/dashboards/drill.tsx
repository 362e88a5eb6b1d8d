import { Alert, Anchor, Drawer, Skeleton, Stack, Text } from '@mantine/core'
import { useCubeQuery } from '@cubejs-client/react'
import { DataTable, EmptyState, useT, type Column } from '~/ui'
import type { CubeWidgetDto, DashboardFiltersDto } from '../../dto/dashboards'
import { drillQuery, type DrillPick } from './query'
import { useFigure } from './figures'

type Row = Record<string, unknown>

/** The records behind a figure: an ungrouped Cube query in the user's scope, with links. */
export function DrillDrawer({
  widget,
  filters,
  pick,
  caption,
  onClose,
}: {
  widget: CubeWidgetDto | null
  filters: DashboardFiltersDto
  pick: DrillPick
  caption: string
  onClose: () => void
}) {
  const { t } = useT()
  const query = widget ? drillQuery(widget, filters, pick) : null
  const { resultSet, isLoading, error } = useCubeQuery(query as any, { skip: !query })
  const figure = useFigure()
  const drill = widget?.drill
  const titles = (resultSet?.annotation() ?? { dimensions: {}, measures: {} }) as any
  const title = (member: string) =>
    titles.dimensions?.[member]?.shortTitle ?? titles.measures?.[member]?.shortTitle ?? member
  const rows: Row[] = (resultSet?.rawData() as Row[] | undefined) ?? []
  const columns: Column<Row>[] = drill
    ? [
        {
          key: 'title',
          header: title(drill.title),
          render: (row) => (
            <Anchor href={drill.href.replace(':id', String(row[drill.id]))} size="sm">
              {String(row[drill.title] ?? row[drill.id])}
            </Anchor>
          ),
        },
        ...[...(drill.columns ?? []), ...(drill.measures ?? [])].map((member) => ({
          key: member,
          header: title(member),
          render: (row: Row) =>
            drill.formats?.[member]
              ? figure(row[member], drill.formats[member])
              : String(row[member] ?? '—'),
        })),
      ]
    : []
  return (
    <Drawer
      opened={!!widget}
      onClose={onClose}
      position="right"
      size="xl"
      title={t('analytics.dash.drill_title', { figure: caption })}
      closeButtonProps={{ 'aria-label': t('analytics.dash.close') }}
    >
      <Stack gap="sm" data-testid="drill">
        {error ? (
          <Alert color="red" role="alert">
            {t('analytics.dash.error')}
          </Alert>
        ) : isLoading || !resultSet ? (
          <Skeleton height={160} />
        ) : rows.length === 0 ? (
          <EmptyState title={t('analytics.dash.drill_empty')} />
        ) : (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('analytics.dash.drill_count', { count: rows.length })}
            </Text>
            <DataTable rows={rows} columns={columns} rowKey={(row) => String(row[drill!.id])} />
          </>
        )}
      </Stack>
    </Drawer>
  )
}
