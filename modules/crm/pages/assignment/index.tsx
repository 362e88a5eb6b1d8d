import { useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconFlask, IconPlus } from '@tabler/icons-react'
import { ConfirmButton, EmptyState, PageHeader, useT } from '~/ui'
import type {
  AssignmentFormOptions,
  AssignmentOption,
  AssignmentRuleRow,
} from '../../dto/assignment'
import { ConditionsSummary } from './conditions_summary'

interface Props {
  rules: AssignmentRuleRow[]
  fallbackUserId: number | null
  users: AssignmentOption[]
  options: AssignmentFormOptions
}

/** CRM › Reglas de asignación: the ordered rules (move up/down), the fallback, the dry run. */
export default function AssignmentRules({ rules, fallbackUserId, users, options }: Props) {
  const { t } = useT()
  const move = (id: number, direction: 'up' | 'down') =>
    router.post(`/crm/assignment/rules/${id}/move`, { direction }, { preserveScroll: true })
  const newButton = (
    <Button
      component={Link}
      href="/crm/assignment/rules/create"
      leftSection={<IconPlus size={16} />}
    >
      {t('crm.assignment.new')}
    </Button>
  )
  return (
    <>
      <Head title={t('crm.assignment.title')} />
      <PageHeader
        title={t('crm.assignment.title')}
        subtitle={t('crm.assignment.subtitle')}
        actions={
          <Group gap="xs">
            <Button
              component={Link}
              href="/crm/assignment/dry-run"
              variant="default"
              leftSection={<IconFlask size={16} />}
            >
              {t('crm.assignment.dry_run')}
            </Button>
            {newButton}
          </Group>
        }
      />
      <Stack gap="md">
        {rules.length === 0 ? (
          <EmptyState
            title={t('crm.assignment.title')}
            description={t('crm.assignment.empty')}
            action={newButton}
          />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('crm.assignment.order_help')}
            </Text>
            <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {rules.map((r, i) => (
                <Paper
                  key={r.id}
                  withBorder
                  radius="md"
                  p="sm"
                  component="li"
                  data-testid="assignment-rule"
                >
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <Group gap="xs" align="flex-start" wrap="nowrap">
                      <Stack gap={2}>
                        <ActionIcon
                          variant="subtle"
                          disabled={i === 0}
                          aria-label={t('crm.assignment.move_up', { name: r.name })}
                          onClick={() => move(r.id, 'up')}
                        >
                          <IconArrowUp size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          disabled={i === rules.length - 1}
                          aria-label={t('crm.assignment.move_down', { name: r.name })}
                          onClick={() => move(r.id, 'down')}
                        >
                          <IconArrowDown size={16} />
                        </ActionIcon>
                      </Stack>
                      <Stack gap={4}>
                        <Group gap="xs">
                          <Text fw={600}>
                            {i + 1}. {r.name}
                          </Text>
                          <Badge variant="light">
                            {t(`crm.assignment.strategies.${r.strategy}`)}
                          </Badge>
                          {!r.active && (
                            <Badge color="gray" variant="outline">
                              {t('crm.assignment.inactive')}
                            </Badge>
                          )}
                        </Group>
                        <ConditionsSummary conditions={r.conditions} options={options} />
                        <Text size="sm" c="dimmed">
                          {r.strategy === 'fixed'
                            ? r.fixedUser
                            : `${t('crm.assignment.members_count', { count: r.members.length })}${
                                r.members.length ? `: ${r.members.join(', ')}` : ''
                              }`}
                          {r.team ? ` · ${r.team}` : ''}
                        </Text>
                      </Stack>
                    </Group>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        component={Link}
                        href={`/crm/assignment/rules/${r.id}/edit`}
                        size="xs"
                        variant="default"
                      >
                        {t('common.edit')}
                      </Button>
                      <ConfirmButton
                        size="xs"
                        label={t('common.delete')}
                        title={t('crm.assignment.delete')}
                        message={t('crm.assignment.delete_confirm', { name: r.name })}
                        onConfirm={() => router.delete(`/crm/assignment/rules/${r.id}`)}
                      />
                    </Group>
                  </Group>
                </Paper>
              ))}
            </Stack>
          </>
        )}
        <Fallback value={fallbackUserId} users={users} />
      </Stack>
    </>
  )
}

function Fallback({ value, users }: { value: number | null; users: AssignmentOption[] }) {
  const { t } = useT()
  const [choice, setChoice] = useState(value === null ? '' : String(value))
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Title order={4}>{t('crm.assignment.fallback.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('crm.assignment.fallback.help')}
        </Text>
        <Group align="flex-end">
          <Select
            label={t('crm.assignment.fallback.label')}
            data={[{ value: '', label: t('crm.assignment.fallback.queue') }, ...users]}
            value={choice}
            onChange={(v) => setChoice(v ?? '')}
            allowDeselect={false}
            searchable
            w={280}
          />
          <Button
            variant="default"
            onClick={() =>
              router.put(
                '/crm/assignment/fallback',
                { fallbackUserId: choice === '' ? null : Number(choice) },
                { preserveScroll: true }
              )
            }
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
