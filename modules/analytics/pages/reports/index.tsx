import { useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { ConfirmButton, EmptyState, PageHeader, useFormat, useT } from '~/ui'
import { apiJson } from '~/ui/api'
import type { ReportDto, ReportsPageProps } from '../../dto/pivot'
import { ReportModal } from '../pivot/report_modal'
import { stateToSearch } from '../pivot/url_state'

const openHref = (r: ReportDto) => `/analytics/pivot${stateToSearch(r.state, r.id)}`

/** Analítica › Informes: saved pivot tables, mine and shared with my roles. */
export default function ReportsPage({ reports, roles }: ReportsPageProps) {
  const { t } = useT()
  const f = useFormat()
  const L = (key: string, values?: Record<string, unknown>) => t(`analytics.reports.${key}`, values)
  const [editing, setEditing] = useState<ReportDto | null>(null)
  const roleName = (id: number) => roles.find((r) => r.value === String(id))?.label
  const remove = async (report: ReportDto) => {
    const result = await apiJson('DELETE', `/analytics/reports/${report.id}`)
    if (!result.ok)
      return notifications.show({
        color: 'red',
        message: result.body.message ?? String(result.status),
      })
    notifications.show({ color: 'teal', message: L('deleted') })
    router.reload()
  }
  return (
    <>
      <Head title={L('title')} />
      <PageHeader
        title={L('title')}
        subtitle={L('subtitle')}
        actions={
          <Button component={Link} href="/analytics/pivot">
            {L('new')}
          </Button>
        }
      />
      {reports.length === 0 ? (
        <EmptyState title={L('title')} description={L('empty')} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{L('name')}</Table.Th>
                <Table.Th scope="col">{L('owner')}</Table.Th>
                <Table.Th scope="col">{L('shared_with')}</Table.Th>
                <Table.Th scope="col">{L('updated')}</Table.Th>
                <Table.Th scope="col">{L('actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reports.map((report) => (
                <Table.Tr key={report.id}>
                  <Table.Td>
                    <Anchor component={Link} href={openHref(report)} fw={600}>
                      {report.name}
                    </Anchor>
                    {report.description && (
                      <Text size="xs" c="dimmed">
                        {report.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="wrap">
                      <Text size="sm">{report.ownerName}</Text>
                      <Badge size="xs" variant="light" color={report.mine ? 'blue' : 'gray'}>
                        {report.mine ? L('mine') : L('shared')}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {report.roleIds.map((id) => (
                        <Badge key={id} size="sm" variant="outline">
                          {roleName(id) ?? id}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{f.date(report.updatedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="light" component={Link} href={openHref(report)}>
                        {L('open')}
                      </Button>
                      {report.canManage && (
                        <Button size="xs" variant="default" onClick={() => setEditing(report)}>
                          {L('edit')}
                        </Button>
                      )}
                      {report.canManage && (
                        <ConfirmButton
                          size="xs"
                          label={L('delete')}
                          title={L('delete')}
                          message={L('delete_confirm', { name: report.name })}
                          onConfirm={() => void remove(report)}
                        />
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <ReportModal
          report={editing}
          state={editing.state}
          roles={roles}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            notifications.show({ color: 'teal', message: L('saved') })
            router.reload()
          }}
        />
      )}
    </>
  )
}
