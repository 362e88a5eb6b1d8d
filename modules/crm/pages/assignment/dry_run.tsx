import { useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { EmptyState, PageHeader, useFormat, useT } from '~/ui'
import type { AssignmentDryRunDto } from '../../dto/assignment'

/** Who would get each lead of the last N days under the current rules (nothing is written). */
export default function AssignmentDryRun({ result }: { result: AssignmentDryRunDto }) {
  const { t } = useT()
  const f = useFormat()
  const [days, setDays] = useState<number | string>(result.days)
  const queue = t('crm.assignment.dry.queue')
  return (
    <>
      <Head title={t('crm.assignment.dry.title')} />
      <PageHeader
        title={t('crm.assignment.dry.title')}
        subtitle={t('crm.assignment.dry.subtitle')}
        crumbs={[
          { label: t('crm.assignment.title'), href: '/crm/assignment/rules' },
          { label: t('crm.assignment.dry_run') },
        ]}
      />
      <Stack gap="md">
        <form
          onSubmit={(e) => {
            e.preventDefault()
            router.get(
              '/crm/assignment/dry-run',
              { days: Number(days) || 30 },
              { preserveScroll: true }
            )
          }}
        >
          <Group align="flex-end">
            <NumberInput
              label={t('crm.assignment.dry.days')}
              value={days}
              onChange={setDays}
              min={1}
              max={365}
              w={120}
            />
            <Button type="submit">{t('crm.assignment.dry.run')}</Button>
          </Group>
        </form>
        <Text size="sm" role="status">
          {t('crm.assignment.dry.count', { count: result.total, days: result.days })}
        </Text>
        {result.total === 0 ? (
          <EmptyState
            title={t('crm.assignment.dry.title')}
            description={t('crm.assignment.dry.empty')}
          />
        ) : (
          <>
            <Paper withBorder radius="md" p="md">
              <Title order={4} mb="xs">
                {t('crm.assignment.dry.per_rep')}
              </Title>
              <Table.ScrollContainer minWidth={280}>
                <Table data-testid="dry-run-per-rep">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('crm.assignment.dry.would_get')}</Table.Th>
                      <Table.Th ta="right">{t('crm.assignment.dry.leads')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.perRep.map((r) => (
                      <Table.Tr key={r.userId ?? 'queue'}>
                        <Table.Td>{r.name ?? queue}</Table.Td>
                        <Table.Td ta="right">{f.number(r.count)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Title order={4} mb="xs">
                {t('crm.assignment.dry.per_lead')}
              </Title>
              {result.total > result.limit && (
                <Text size="sm" c="dimmed">
                  {t('crm.assignment.dry.truncated', { limit: result.limit })}
                </Text>
              )}
              <Table.ScrollContainer minWidth={640}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('crm.assignment.dry.lead')}</Table.Th>
                      <Table.Th>{t('crm.assignment.dry.current_owner')}</Table.Th>
                      <Table.Th>{t('crm.assignment.dry.would_get')}</Table.Th>
                      <Table.Th>{t('crm.assignment.dry.rule')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.leads.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td>
                          <Anchor component={Link} href={`/crm/leads/${l.id}`} size="sm">
                            {l.title}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {f.date(l.createdAt)}
                          </Text>
                        </Table.Td>
                        <Table.Td>{l.currentOwner ?? '—'}</Table.Td>
                        <Table.Td>
                          {l.wouldGet ?? queue}{' '}
                          {l.fallback && (
                            <Badge size="xs" variant="light" color="orange">
                              {t('crm.assignment.panel.fallback')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{l.rule ?? '—'}</Text>
                          <Text size="xs" c="dimmed">
                            {t(l.reason.key, l.reason.params ?? {})}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          </>
        )}
      </Stack>
    </>
  )
}
