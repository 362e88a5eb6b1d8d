import { useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import { Button, Modal, Select, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core'
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable'
import { PageHeader, useT, type Option } from '~/ui'
import { apiJson } from '~/ui/api'
import type { OpportunityCard } from '../../dto/opportunities'
import { Column, type BoardStage, type ColumnState, type Sums } from './board_parts'
import { BoardFilters, type Filters } from './board_filters'

interface Props {
  stages: BoardStage[]
  sums: Sums[]
  columns: ColumnState[]
  filters: Filters
  teams: Option[]
  owners: Option[]
  lostReasons: Option[]
  sources: Option[]
  can: { create: boolean; edit: boolean }
}

/** The query string of the board's filters (team, owner, source, search). */
function query(filters: Filters, extra: Record<string, string | number> = {}) {
  const params = new URLSearchParams()
  if (filters.teamId) params.set('team', String(filters.teamId))
  if (filters.ownerId) params.set('owner', String(filters.ownerId))
  if (filters.source) params.set('source', filters.source)
  if (filters.status) params.set('status', filters.status)
  if (filters.priority) params.set('priority', String(filters.priority))
  if (filters.closeFrom) params.set('closeFrom', filters.closeFrom)
  if (filters.closeTo) params.set('closeTo', filters.closeTo)
  if (filters.q) params.set('q', filters.q)
  for (const [k, v] of Object.entries(extra)) params.set(k, String(v))
  return params.toString()
}

/** Moves a card between columns in the local state (optimistic; the same call rolls back). */
function moveCard(columns: ColumnState[], cardId: number, from: number, to: number) {
  const card = columns.find((c) => c.stageId === from)?.cards.find((c) => c.id === cardId)
  if (!card) return columns
  return columns.map((c) => {
    if (c.stageId === from) return { ...c, cards: c.cards.filter((x) => x.id !== cardId) }
    if (c.stageId === to && c.loaded) return { ...c, cards: [card, ...c.cards] }
    return c
  })
}

export default function OpportunityBoard(props: Props) {
  const { t } = useT()
  const { stages, sums, filters, can } = props
  const [columns, setColumns] = useState(props.columns)
  const [lost, setLost] = useState<{ cardId: number; from: number; to: number } | null>(null)
  const [reason, setReason] = useState<string | null>(null)
  // New props (filters, a created card) replace the local columns; a sums-only reload keeps them.
  const [source, setSource] = useState(props.columns)
  if (source !== props.columns) {
    setSource(props.columns)
    setColumns(props.columns)
  }
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates })
  )

  const visit = (next: Partial<Filters>) =>
    router.get(
      `/crm/opportunities/board?${query({ ...filters, ...next })}`,
      {},
      { preserveState: false }
    )

  async function send(cardId: number, from: number, to: number, lostReason?: string) {
    const result = await apiJson('PATCH', `/crm/opportunities/${cardId}/stage`, {
      stageId: to,
      ...(lostReason ? { lostReason } : {}),
    })
    if (result.ok) {
      const stage = stages.find((s) => s.id === to)
      notifications.show({ message: t('crm.opportunities.moved', { stage: stage?.name ?? '' }) })
      router.reload({ only: ['sums'] })
      return
    }
    setColumns((current) => moveCard(current, cardId, to, from))
    const body = result.body as { field?: string; message?: string }
    if (result.status === 422 && body.field === 'lostReason') {
      setLost({ cardId, from, to })
      return
    }
    notifications.show({
      color: 'red',
      message: body.message ?? t('crm.opportunities.move_refused'),
    })
  }

  function onDragEnd(event: DragEndEvent) {
    const from = event.active.data.current?.stageId as number | undefined
    const cardId = event.active.data.current?.cardId as number | undefined
    const to = event.over?.data.current?.stageId as number | undefined
    if (!from || !cardId || !to || from === to) return
    setColumns((current) => moveCard(current, cardId, from, to))
    const target = stages.find((s) => s.id === to)
    // A lost stage asks for the reason before anything is sent.
    if (target?.isLost) {
      setLost({ cardId, from, to })
      return
    }
    void send(cardId, from, to)
  }

  async function loadMore(stageId: number, before?: number | null) {
    const extra: Record<string, string | number> = { stage: stageId }
    if (before) extra.before = before
    const result = await apiJson<{ cards: OpportunityCard[]; next: number | null }>(
      'GET',
      `/crm/opportunities/column?${query(filters, extra)}`
    )
    if (!result.ok) return
    setColumns((current) =>
      current.map((c) =>
        c.stageId === stageId
          ? {
              ...c,
              loaded: true,
              cards: [...(before ? c.cards : []), ...result.body.cards],
              next: result.body.next,
            }
          : c
      )
    )
  }

  function create(stageId: number, name: string) {
    router.post(
      '/crm/opportunities',
      { name, stageId, teamId: filters.teamId, stay: 1 },
      { preserveScroll: true }
    )
  }

  const empty = sums.every((s) => s.count === 0)
  return (
    <>
      <Head title={t('crm.opportunities.title')} />
      <PageHeader
        title={t('crm.opportunities.title')}
        actions={
          can.create && (
            <Button component={Link} href="/crm/opportunities/create">
              {t('crm.opportunities.new')}
            </Button>
          )
        }
      />
      <BoardFilters
        filters={filters}
        teams={props.teams}
        owners={props.owners}
        sources={props.sources}
        visit={visit}
      />
      {empty && (
        <Text c="dimmed" mb="sm">
          {t('crm.opportunities.empty')}
        </Text>
      )}
      <DndContext sensors={sensors} collisionDetection={closestCorners} onDragEnd={onDragEnd}>
        <div className="pipeline-board" data-testid="pipeline-board">
          {stages.map((stage) => (
            <Column
              key={stage.id}
              stage={stage}
              sums={sums.find((s) => s.stageId === stage.id)}
              column={columns.find((c) => c.stageId === stage.id)!}
              canEdit={can.edit}
              canCreate={can.create}
              onOpen={() => void loadMore(stage.id)}
              onMore={() =>
                void loadMore(stage.id, columns.find((c) => c.stageId === stage.id)?.next)
              }
              onCreate={(name) => create(stage.id, name)}
            />
          ))}
        </div>
      </DndContext>
      <style>{`
        /* contain: the board's width never depends on its columns, so it scrolls inside the page. */
        .pipeline-board { display: flex; gap: 12px; overflow-x: auto; padding-bottom: 8px;
          contain: inline-size; width: 100%;
          scroll-snap-type: x proximity; align-items: flex-start; }
        .pipeline-column { flex: 0 0 280px; max-width: 85vw; scroll-snap-align: start; }
        .pipeline-folded { flex: 0 0 160px; }
      `}</style>
      <Modal
        opened={lost !== null}
        onClose={() => {
          if (lost) setColumns((current) => moveCard(current, lost.cardId, lost.to, lost.from))
          setLost(null)
        }}
        title={t('crm.opportunities.lost_title')}
      >
        <Stack>
          <Select
            label={t('crm.opportunities.fields.lostReason')}
            data={props.lostReasons}
            value={reason}
            onChange={setReason}
            required
            data-autofocus
          />
          <Button
            disabled={!reason}
            onClick={() => {
              if (!lost || !reason) return
              const { cardId, from, to } = lost
              setLost(null)
              void send(cardId, from, to, reason)
            }}
          >
            {t('crm.opportunities.mark_lost')}
          </Button>
        </Stack>
      </Modal>
    </>
  )
}
