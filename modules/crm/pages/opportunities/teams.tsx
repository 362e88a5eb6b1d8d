import { useState } from 'react'
import { Head, router } from '@inertiajs/react'
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react'
import { PageHeader, useFormat, useT, type Option } from '~/ui'
import type { BoardStage } from './board_parts'
import { ProcessSteps, type StepDto } from './process_steps'

interface Ratio {
  ownerId: number
  ownerName: string
  won: number
  lost: number
  winRate: number | null
  avgCycleDays: number | null
  avgWonMinor: string | null
}

const BASE = '/crm/opportunities/teams'

/** One editable stage row: name, probability and flags, saved together. */
function StageRow({ stage, canConfigure }: { stage: BoardStage; canConfigure: boolean }) {
  const { t } = useT()
  const [data, setData] = useState({
    name: stage.name,
    probability: stage.probability,
    folded: stage.folded,
    isWon: stage.isWon,
    isLost: stage.isLost,
  })
  const label = (k: string) => t(`crm.teams.${k}`)
  const save = () => router.put(`${BASE}/stages/${stage.id}`, data, { preserveScroll: true })
  const move = (direction: 'up' | 'down') =>
    router.post(`${BASE}/stages/${stage.id}/move`, { direction }, { preserveScroll: true })
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput
          aria-label={t('crm.opportunities.fields.stage')}
          value={data.name}
          disabled={!canConfigure}
          onChange={(e) => setData({ ...data, name: e.currentTarget.value })}
          size="xs"
        />
      </Table.Td>
      <Table.Td w={90}>
        <NumberInput
          aria-label={t('crm.opportunities.fields.probability')}
          value={data.probability}
          min={0}
          max={100}
          disabled={!canConfigure}
          onChange={(v) => setData({ ...data, probability: Number(v) || 0 })}
          size="xs"
        />
      </Table.Td>
      {(['folded', 'isWon', 'isLost'] as const).map((k) => (
        <Table.Td key={k}>
          <Checkbox
            aria-label={label(k)}
            checked={data[k]}
            disabled={!canConfigure}
            onChange={(e) => setData({ ...data, [k]: e.currentTarget.checked })}
          />
        </Table.Td>
      ))}
      {canConfigure && (
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            <Button size="xs" variant="light" onClick={save}>
              {label('save')}
            </Button>
            <ActionIcon variant="subtle" aria-label={label('up')} onClick={() => move('up')}>
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon variant="subtle" aria-label={label('down')} onClick={() => move('down')}>
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={label('delete')}
              onClick={() => router.delete(`${BASE}/stages/${stage.id}`, { preserveScroll: true })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  )
}

export default function SalesTeams({
  teams,
  teamId,
  stages,
  steps = [],
  ownPipeline,
  ratios,
  canConfigure,
}: {
  teams: Option[]
  teamId: number | null
  stages: BoardStage[]
  steps?: StepDto[]
  ownPipeline: boolean
  ratios: Ratio[]
  canConfigure: boolean
}) {
  const { t } = useT()
  const f = useFormat()
  const [name, setName] = useState('')
  const [probability, setProbability] = useState(50)
  const editable = canConfigure && ownPipeline
  const add = (e: React.FormEvent) => {
    e.preventDefault()
    if (!name.trim()) return
    router.post(`${BASE}/stages`, { teamId, name, probability }, { preserveScroll: true })
    setName('')
  }
  return (
    <>
      <Head title={t('crm.teams.title')} />
      <PageHeader title={t('crm.teams.title')} />
      <Stack>
        <Select
          label={t('crm.opportunities.team')}
          data={teams}
          value={teamId ? String(teamId) : null}
          placeholder={t('crm.opportunities.default_pipeline')}
          clearable
          onChange={(v) => router.get(v ? `${BASE}?team=${v}` : BASE)}
          w={260}
        />
        <Paper withBorder radius="md" p="md" component="section" aria-label={t('crm.teams.stages')}>
          <Group justify="space-between" mb="sm">
            <Title order={5}>{t('crm.teams.stages')}</Title>
            {!ownPipeline && (
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  {t('crm.teams.uses_default')}
                </Text>
                {canConfigure && teamId && (
                  <Button size="xs" onClick={() => router.post(`${BASE}/${teamId}/copy`, {})}>
                    {t('crm.teams.copy_default')}
                  </Button>
                )}
              </Group>
            )}
          </Group>
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('crm.opportunities.fields.stage')}</Table.Th>
                  <Table.Th>%</Table.Th>
                  <Table.Th>{t('crm.teams.folded')}</Table.Th>
                  <Table.Th>{t('crm.teams.isWon')}</Table.Th>
                  <Table.Th>{t('crm.teams.isLost')}</Table.Th>
                  {editable && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stages.map((s) => (
                  <StageRow
                    key={`${s.id}-${s.name}-${s.probability}`}
                    stage={s}
                    canConfigure={editable}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {editable && (
            <form onSubmit={add}>
              <Group mt="sm" align="flex-end">
                <TextInput
                  label={t('crm.teams.add_stage')}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                />
                <NumberInput
                  label={t('crm.opportunities.fields.probability')}
                  value={probability}
                  min={0}
                  max={100}
                  onChange={(v) => setProbability(Number(v) || 0)}
                  w={140}
                />
                <Button type="submit">{t('crm.teams.add_stage')}</Button>
              </Group>
            </form>
          )}
        </Paper>
        <ProcessSteps stages={stages} steps={steps} editable={editable} />
        <Paper withBorder radius="md" p="md" component="section" aria-label={t('crm.teams.ratios')}>
          <Title order={5} mb="sm">
            {t('crm.teams.ratios')}
          </Title>
          {ratios.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('crm.teams.no_data')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table data-testid="rep-ratios">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('crm.teams.rep')}</Table.Th>
                    <Table.Th>{t('crm.teams.won')}</Table.Th>
                    <Table.Th>{t('crm.teams.lost')}</Table.Th>
                    <Table.Th>{t('crm.teams.win_rate')}</Table.Th>
                    <Table.Th>{t('crm.teams.avg_cycle')}</Table.Th>
                    <Table.Th>{t('crm.teams.avg_won')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ratios.map((r) => (
                    <Table.Tr key={r.ownerId}>
                      <Table.Td>{r.ownerName}</Table.Td>
                      <Table.Td>{r.won}</Table.Td>
                      <Table.Td>{r.lost}</Table.Td>
                      <Table.Td>
                        {r.winRate === null ? '—' : `${f.number(r.winRate, 1)} %`}
                      </Table.Td>
                      <Table.Td>
                        {r.avgCycleDays === null ? '—' : f.number(r.avgCycleDays, 1)}
                      </Table.Td>
                      <Table.Td>{r.avgWonMinor === null ? '—' : f.money(r.avgWonMinor)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      </Stack>
    </>
  )
}
