import { router } from '@inertiajs/react'
import { Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { useFormat, useT } from '~/ui'
import type { LeadAssignmentDto } from '../../dto/assignment'

/**
 * The lead page's "Asignación" panel: who got the lead, by which rule and strategy, and every
 * candidate with why they were skipped — or that it waits in the queue. `reassignUrl` (for
 * users who may edit the lead) re-runs the rules.
 */
export function AssignmentPanel({
  assignment: a,
  reassignUrl,
}: {
  assignment: LeadAssignmentDto | null
  reassignUrl?: string
}) {
  const { t } = useT()
  const f = useFormat()
  const reassign = reassignUrl && (
    <Button
      size="xs"
      variant="default"
      w="fit-content"
      leftSection={<IconRefresh size={14} />}
      onClick={() => router.post(reassignUrl, {}, { preserveScroll: true })}
    >
      {t('crm.assignment.panel.reassign')}
    </Button>
  )
  return (
    <Paper withBorder radius="md" p="md" data-testid="assignment-panel">
      <Stack gap="xs">
        <Title order={4}>{t('crm.assignment.panel.title')}</Title>
        {!a ? (
          <Text size="sm" c="dimmed">
            {t('crm.assignment.panel.none')}
          </Text>
        ) : (
          <>
            <Group gap="xs">
              <Text fw={600}>
                {a.assignedTo
                  ? t('crm.assignment.panel.assigned_to', { name: a.assignedTo.name })
                  : t('crm.assignment.panel.queued')}
              </Text>
              {a.fallback && (
                <Badge variant="light" color="orange">
                  {t('crm.assignment.panel.fallback')}
                </Badge>
              )}
            </Group>
            {a.ruleName && a.strategy && (
              <Text size="sm">
                {t('crm.assignment.panel.by_rule', {
                  rule: a.ruleName,
                  strategy: t(`crm.assignment.strategies.${a.strategy}`),
                })}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {t(a.reason.key, a.reason.params ?? {})} · {f.dateTime(a.at)}
            </Text>
            {a.candidates.length > 0 && (
              <>
                <Text size="sm" fw={600}>
                  {t('crm.assignment.panel.candidates')}
                </Text>
                <List size="sm" spacing={2}>
                  {a.candidates.map((c) => (
                    <List.Item key={c.userId}>
                      {c.name} —{' '}
                      {c.chosen
                        ? t('crm.assignment.panel.chosen')
                        : c.skipped
                          ? t(`crm.assignment.skipped.${c.skipped}`)
                          : t('crm.assignment.panel.eligible')}
                      {c.open !== undefined &&
                        ` · ${t('crm.assignment.panel.open', { count: c.open })}`}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </>
        )}
        {reassign}
      </Stack>
    </Paper>
  )
}
