import { useState, type ReactNode } from 'react'
import { Link } from '@inertiajs/react'
import { Anchor, Badge, Button, Group, Paper, Rating, Stack, Text, TextInput } from '@mantine/core'
import { IconChevronRight, IconPlus } from '@tabler/icons-react'
import { useDroppable } from '@dnd-kit/core'
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { useFormat, useT } from '~/ui'
import type { OpportunityCard } from '../../dto/opportunities'

export interface BoardStage {
  id: number
  name: string
  probability: number
  folded: boolean
  isWon: boolean
  isLost: boolean
}

export interface Sums {
  stageId: number
  count: number
  totalMinor: string
  weightedMinor: string
}

export interface ColumnState {
  stageId: number
  loaded: boolean
  cards: OpportunityCard[]
  next: number | null
}

/** One card: a link to the opportunity, draggable (mouse, touch and keyboard). */
function Card({
  card,
  stageId,
  disabled,
}: {
  card: OpportunityCard
  stageId: number
  disabled: boolean
}) {
  const { t } = useT()
  const f = useFormat()
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: `card-${card.id}`,
    data: { stageId, cardId: card.id },
    disabled,
  })
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      radius="sm"
      p="xs"
      data-testid={`card-${card.id}`}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.5 : 1,
        cursor: disabled ? 'default' : 'grab',
        touchAction: 'manipulation',
      }}
      {...attributes}
      {...listeners}
      aria-roledescription={t('crm.opportunities.card')}
    >
      <Anchor component={Link} href={`/crm/opportunities/${card.id}`} size="sm" fw={600}>
        {card.name}
      </Anchor>
      {card.companyName && (
        <Text size="xs" c="dimmed" truncate>
          {card.companyName}
        </Text>
      )}
      <Group justify="space-between" gap={4} mt={4} wrap="nowrap">
        <Text size="sm">{f.money(card.amountMinor, card.currency)}</Text>
        {card.priority > 0 && <Rating value={card.priority} count={3} readOnly size="xs" />}
      </Group>
      {card.steps && (
        <Badge
          size="xs"
          variant="light"
          color={card.steps.done === card.steps.total ? 'green' : 'gray'}
          data-testid={`steps-${card.id}`}
          aria-label={t('crm.opportunities.process.progress', card.steps)}
        >
          {`${card.steps.done}/${card.steps.total}`}
        </Badge>
      )}
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed" truncate>
          {card.ownerName ?? '—'}
        </Text>
        {card.expectedCloseOn && (
          <Text size="xs" c="dimmed">
            {f.date(card.expectedCloseOn)}
          </Text>
        )}
      </Group>
    </Paper>
  )
}

/** Inline quick create at the bottom of a column. */
function QuickCreate({ onCreate }: { onCreate: (name: string) => void }) {
  const { t } = useT()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  if (!open)
    return (
      <Button
        variant="subtle"
        size="xs"
        leftSection={<IconPlus size={14} />}
        onClick={() => setOpen(true)}
      >
        {t('crm.opportunities.quick_create')}
      </Button>
    )
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        if (name.trim()) onCreate(name.trim())
        setName('')
        setOpen(false)
      }}
    >
      <TextInput
        size="xs"
        autoFocus
        label={t('crm.opportunities.quick_name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      />
    </form>
  )
}

/** A stage's column: header with count and sums, its cards, "Cargar más", quick create. */
export function Column({
  stage,
  sums,
  column,
  canEdit,
  canCreate,
  onOpen,
  onMore,
  onCreate,
}: {
  stage: BoardStage
  sums: Sums | undefined
  column: ColumnState
  canEdit: boolean
  canCreate: boolean
  onOpen: () => void
  onMore: () => void
  onCreate: (name: string) => void
}) {
  const { t } = useT()
  const f = useFormat()
  const { setNodeRef, isOver } = useDroppable({
    id: `stage-${stage.id}`,
    data: { stageId: stage.id },
  })
  const header: ReactNode = (
    <Stack gap={0}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={700} size="sm" truncate>
          {stage.name}
        </Text>
        <Badge variant="light" size="sm" data-testid={`count-${stage.id}`}>
          {sums?.count ?? 0}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" data-testid={`sums-${stage.id}`}>
        {t('crm.opportunities.total')} {f.money(sums?.totalMinor ?? '0')} ·{' '}
        {t('crm.opportunities.weighted')} {f.money(sums?.weightedMinor ?? '0')}
      </Text>
    </Stack>
  )
  if (!column.loaded)
    return (
      <Paper
        ref={setNodeRef}
        withBorder
        radius="md"
        p="xs"
        className="pipeline-column pipeline-folded"
        bg={isOver ? 'blue.0' : undefined}
      >
        <Button
          variant="subtle"
          size="xs"
          fullWidth
          rightSection={<IconChevronRight size={14} />}
          onClick={onOpen}
          aria-label={t('crm.opportunities.folded_open', { name: stage.name })}
        >
          {stage.name} ({sums?.count ?? 0})
        </Button>
      </Paper>
    )
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      radius="md"
      p="xs"
      className="pipeline-column"
      component="section"
      aria-label={stage.name}
      data-testid={`column-${stage.id}`}
      bg={isOver ? 'blue.0' : 'gray.0'}
    >
      {header}
      <SortableContext
        items={column.cards.map((c) => `card-${c.id}`)}
        strategy={verticalListSortingStrategy}
      >
        <Stack gap={6} mt="xs" mih={60}>
          {column.cards.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('crm.opportunities.column_empty')}
            </Text>
          )}
          {column.cards.map((card) => (
            <Card key={card.id} card={card} stageId={stage.id} disabled={!canEdit} />
          ))}
        </Stack>
      </SortableContext>
      {column.next && (
        <Button variant="light" size="xs" fullWidth mt="xs" onClick={onMore}>
          {t('crm.opportunities.load_more')}
        </Button>
      )}
      {canCreate && !stage.isLost && !stage.isWon && <QuickCreate onCreate={onCreate} />}
    </Paper>
  )
}
