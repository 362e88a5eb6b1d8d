import { useState } from 'react'
import { router } from '@inertiajs/react'
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { usePage } from '@inertiajs/react'
import { useT, type SharedProps } from '~/ui'
import type { RecordActivitiesDto } from '../../dto/activities'
import { ActivityItem } from '../activities/activity_item'
import { ActivityForm } from '../activities/activity_form'

/** A record page's "Actividades" panel: plan, list (open first, then recent done), mark done. */
export function ActivitiesPanel({ activities }: { activities: RecordActivitiesDto | null }) {
  const { t } = useT()
  const { shell } = usePage<SharedProps>().props
  const [planning, setPlanning] = useState(false)
  if (!activities) return null
  const reload = () => router.reload({ only: ['activities', 'timeline'] })
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('crm.activities.panel')}>
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t('crm.activities.panel')}</Title>
        {activities.canPlan && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setPlanning(true)}
          >
            {t('crm.activities.plan')}
          </Button>
        )}
      </Group>
      {activities.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('crm.activities.panel_empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          {activities.items.map((a) => (
            <ActivityItem
              key={a.id}
              activity={a}
              onChanged={reload}
              showSubject={false}
              form={
                activities.types?.length
                  ? {
                      types: activities.types,
                      assignees: activities.assignees ?? [],
                      userId: shell.user?.id ?? 0,
                    }
                  : undefined
              }
            />
          ))}
        </Stack>
      )}
      {planning && (
        <ActivityForm
          opened
          onClose={() => setPlanning(false)}
          onSaved={() => (setPlanning(false), reload())}
          types={activities.types ?? []}
          assignees={activities.assignees ?? []}
          userId={shell.user?.id ?? 0}
          subject={{ type: activities.subjectType, id: activities.subjectId }}
        />
      )}
    </Paper>
  )
}
