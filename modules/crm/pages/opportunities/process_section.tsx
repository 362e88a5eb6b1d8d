import { useState } from 'react'
import { router } from '@inertiajs/react'
import { Badge, Checkbox, Group, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { FieldCard, useFormat, useT } from '~/ui'
import { apiJson } from '~/ui/api'

/** The opportunity page's "Proceso" (server: actions/opportunities/steps.ts). */
export interface ProcessDto {
  steps: {
    id: number
    name: string
    done: boolean
    doneByName: string | null
    doneAt: string | null
  }[]
  earlier: { stageId: number; name: string; done: number; total: number }[]
}

/** The current stage's checklist (editors tick it) and the earlier stages' progress. */
export function ProcessSection({
  opportunityId,
  stageName,
  process,
  canEdit,
}: {
  opportunityId: number
  stageName: string
  process: ProcessDto
  canEdit: boolean
}) {
  const { t } = useT()
  const f = useFormat()
  // The box shows the click at once (optimistic) until the page's data comes back.
  const [pending, setPending] = useState<Record<number, boolean>>({})
  if (!process.steps.length && !process.earlier.length) return null
  const isDone = (s: { id: number; done: boolean }) => pending[s.id] ?? s.done
  const tick = async (stepId: number, done: boolean) => {
    setPending((p) => ({ ...p, [stepId]: done }))
    const result = await apiJson('PATCH', `/crm/opportunities/${opportunityId}/steps/${stepId}`, {
      done,
    })
    if (!result.ok)
      notifications.show({ color: 'red', message: t('crm.opportunities.process.tick_failed') })
    router.reload({
      only: ['process', 'timeline'],
      onFinish: () =>
        setPending((p) => {
          const rest = { ...p }
          delete rest[stepId]
          return rest
        }),
    })
  }
  const done = process.steps.filter(isDone).length
  return (
    <FieldCard
      title={t('crm.opportunities.process.title')}
      columns={1}
      testId="opportunity-process"
      action={
        process.steps.length > 0 && (
          <Badge variant="light" data-testid="process-progress">
            {t('crm.opportunities.process.progress', { done, total: process.steps.length })}
          </Badge>
        )
      }
    >
      <Text size="sm" fw={600}>
        {t('crm.opportunities.process.checklist', { stage: stageName })}
      </Text>
      {process.steps.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('crm.opportunities.process.none')}
        </Text>
      ) : (
        <Stack gap={6}>
          {process.steps.map((s) => (
            <Checkbox
              key={s.id}
              label={s.name}
              checked={isDone(s)}
              disabled={!canEdit || s.id in pending}
              onChange={(e) => void tick(s.id, e.currentTarget.checked)}
              description={
                s.done && s.doneAt
                  ? t('crm.opportunities.process.done_by', {
                      name: s.doneByName ?? '—',
                      date: f.date(s.doneAt),
                    })
                  : undefined
              }
            />
          ))}
        </Stack>
      )}
      {process.earlier.length > 0 && (
        <Group gap="xs" aria-label={t('crm.opportunities.process.earlier')}>
          <Text size="xs" c="dimmed">
            {t('crm.opportunities.process.earlier')}:
          </Text>
          {process.earlier.map((e) => (
            <Badge
              key={e.stageId}
              variant="outline"
              color={e.done === e.total ? 'green' : 'gray'}
              size="sm"
            >
              {`${e.name} ${e.done}/${e.total}`}
            </Badge>
          ))}
        </Group>
      )}
    </FieldCard>
  )
}
