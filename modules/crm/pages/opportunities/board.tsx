import { useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import {
  Badge,
  Button,
  Collapse,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { IconAdjustments } from '@tabler/icons-react'
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
import { PageHeader, SavedViews, useListUrl, usePhone, useT, type Option } from '~/ui'
import { apiJson } from '~/ui/api'
import type { OpportunityCard } from '../../dto/opportunities'
import { Column, type BoardStage, type ColumnState, type Sums } from './board_parts'
import { useOpportunityFilters, ViewSwitch, type FilterOptions } from './board_filters'

const BASE = '/crm/opportunities/board'

type Props = Omit<FilterOptions, 'stages'> & {
  stages: BoardStage[]
  sums: Sums[]
  columns: ColumnState[]
  lostReasons: Option[]
  can: { create: boolean; edit: boolean }
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
  const url = useListUrl(BASE)
  const set = (patch: Record<string, string | null>) =>
    url.apply(Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v || null])))
  const filterUi = useOpportunityFilters({ ...props, set, withStage: false })
  // On a phone the filters fold behind a button (the board's columns come first).
  const phone = usePhone()
  const [filtersOpen, setFiltersOpen] = useState(false)
  const [search, setSearch] = useState(filters.q)
  const [seenQ, setSeenQ] = useState(filters.q)
  if (seenQ !== filters.q) {
    setSeenQ(filters.q)
    setSearch(filters.q)
  }
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
    // The column endpoint reads the board's own query string (its filters) plus the column.
    const params = new URLSearchParams(url.params)
    params.set('stage', String(stageId))
    if (before) params.set('before', String(before))
    else params.delete('before')
    const result = await apiJson<{ cards: OpportunityCard[]; next: number | null }>(
      'GET',
      `/crm/opportunities/column?${params}`
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
      { name, stageId, teamId: filters.team ? Number(filters.team) : null, stay: 1 },
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
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <ViewSwitch current="board" />
        <SavedViews resource="crm.opportunities" />
      </Group>
      {phone && (
        <Button
          variant={filterUi.chips.length ? 'light' : 'default'}
          onClick={() => setFiltersOpen((o) => !o)}
          leftSection={<IconAdjustments size={16} />}
          aria-expanded={filtersOpen}
          mb="sm"
          rightSection={
            filterUi.chips.length ? (
              <Badge size="xs" circle>
                {filterUi.chips.length}
              </Badge>
            ) : null
          }
        >
          {t('common.filters')}
        </Button>
      )}
      <Collapse expanded={!phone || filtersOpen}>
        <Group gap="sm" mb="sm" wrap="wrap" align="flex-end" data-testid="board-filters">
          {filterUi.inputs}
          <form
            onSubmit={(e) => {
              e.preventDefault()
              set({ q: search })
            }}
          >
            <TextInput
              label={t('crm.opportunities.search')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              onBlur={() => search !== filters.q && set({ q: search })}
              w={200}
              data-testid="board-search"
            />
          </form>
        </Group>
      </Collapse>
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
