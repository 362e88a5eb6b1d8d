import { useState } from 'react'
import { router } from '@inertiajs/react'
import { ActionIcon, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react'
import { useT } from '~/ui'
import type { BoardStage } from './board_parts'

/** A process step of a stage (CRM › Equipos). */
export interface StepDto {
  id: number
  stageId: number
  name: string
  position: number
}

const BASE = '/crm/opportunities/teams/steps'
const keep = { preserveScroll: true }

/** One step: renamed in place (saved on leaving the box or Enter), moved, deleted. */
function StepRow({ step, editable }: { step: StepDto; editable: boolean }) {
  const { t } = useT()
  const [name, setName] = useState(step.name)
  if (!editable) return <Text size="sm">{step.name}</Text>
  const rename = () => {
    if (name.trim() && name !== step.name) router.put(`${BASE}/${step.id}`, { name }, keep)
  }
  return (
    <Group gap={4} wrap="nowrap">
      <TextInput
        aria-label={t('crm.opportunities.process.step_name')}
        size="xs"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        onBlur={rename}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            rename()
          }
        }}
        maxLength={120}
        style={{ flex: 1 }}
      />
      <ActionIcon
        variant="subtle"
        aria-label={`${t('crm.teams.up')}: ${step.name}`}
        onClick={() => router.post(`${BASE}/${step.id}/move`, { direction: 'up' }, keep)}
      >
        <IconArrowUp size={16} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        aria-label={`${t('crm.teams.down')}: ${step.name}`}
        onClick={() => router.post(`${BASE}/${step.id}/move`, { direction: 'down' }, keep)}
      >
        <IconArrowDown size={16} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={`${t('crm.teams.delete')}: ${step.name}`}
        onClick={() => router.delete(`${BASE}/${step.id}`, keep)}
      >
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  )
}

/** A new step at the end of a stage. */
function AddStep({ stage }: { stage: BoardStage }) {
  const { t } = useT()
  const [name, setName] = useState('')
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        if (!name.trim()) return
        router.post(BASE, { stageId: stage.id, name }, keep)
        setName('')
      }}
    >
      <Group gap={4} wrap="nowrap" align="flex-end">
        <TextInput
          size="xs"
          label={`${t('crm.teams.add_step')} · ${stage.name}`}
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <ActionIcon
          type="submit"
          size="input-xs"
          variant="light"
          aria-label={`${t('crm.teams.add_step')} · ${stage.name}`}
        >
          <IconPlus size={16} />
        </ActionIcon>
      </Group>
    </form>
  )
}

/** The sales process: per open stage, its optional steps (a checklist ticked on each deal). */
export function ProcessSteps({
  stages,
  steps,
  editable,
}: {
  stages: BoardStage[]
  steps: StepDto[]
  editable: boolean
}) {
  const { t } = useT()
  const open = stages.filter((s) => !s.isWon && !s.isLost)
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={t('crm.opportunities.process.title')}
    >
      <Title order={5} mb="sm">
        {t('crm.opportunities.process.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {open.map((stage) => {
          const own = steps.filter((p) => p.stageId === stage.id)
          return (
            <Stack key={stage.id} gap={6} data-testid={`steps-${stage.id}`}>
              <Text fw={600} size="sm">
                {stage.name}
              </Text>
              {own.length === 0 && (
                <Text size="xs" c="dimmed">
                  {t('crm.opportunities.process.no_steps')}
                </Text>
              )}
              {own.map((step) => (
                <StepRow key={`${step.id}-${step.name}`} step={step} editable={editable} />
              ))}
              {editable && <AddStep stage={stage} />}
            </Stack>
          )
        })}
      </SimpleGrid>
    </Paper>
  )
}
