import { Head, Link, router } from '@inertiajs/react'
import { Button, SegmentedControl, Text } from '@mantine/core'
import { IconSettings } from '@tabler/icons-react'
import { DataTable, EmptyState, PageHeader, useFormat, useT, type Column } from '~/ui'
import type { AlertDto, AlertsPageProps } from '../../dto/alerts'
import { AlertMessage } from '../shared/alert_message'

/** Analítica › Alertas: the alerts in the user's scope, open or resolved. */
export default function AlertsIndex({ status, alerts, canManage }: AlertsPageProps) {
  const { t } = useT()
  const format = useFormat()
  const L = (key: string) => t(`analytics.alerts.list.${key}`)
  const columns: Column<AlertDto>[] = [
    { key: 'message', header: L('message'), render: (a) => <AlertMessage alert={a} /> },
    {
      key: 'rule',
      header: L('rule'),
      render: (a) => (
        <Text size="sm">
          {a.ruleName}{' '}
          <Text span size="xs" c="dimmed">
            · {t(`analytics.alerts.kinds.${a.kind}`)}
          </Text>
        </Text>
      ),
    },
    { key: 'since', header: L('since'), render: (a) => format.dateTime(a.createdAt) },
    ...(status === 'resolved'
      ? [
          {
            key: 'resolved',
            header: L('resolved_at'),
            render: (a: AlertDto) => format.dateTime(a.resolvedAt),
          },
        ]
      : []),
  ]
  return (
    <>
      <Head title={L('title')} />
      <PageHeader
        title={L('title')}
        actions={
          canManage && (
            <Button
              component={Link}
              href="/analytics/alerts/rules"
              variant="light"
              leftSection={<IconSettings size={16} />}
            >
              {L('manage')}
            </Button>
          )
        }
      />
      <SegmentedControl
        mb="md"
        aria-label={L('filter')}
        value={status}
        onChange={(value) =>
          router.get('/analytics/alerts', value === 'open' ? {} : { status: value })
        }
        data={[
          { value: 'open', label: L('open') },
          { value: 'resolved', label: L('resolved') },
        ]}
      />
      {alerts.length === 0 ? (
        <EmptyState title={L(status === 'open' ? 'empty_open' : 'empty_resolved')} />
      ) : (
        <DataTable rows={alerts} columns={columns} rowKey={(a) => a.id} />
      )}
    </>
  )
}
