import { useState } from 'react'
import { Link, router } from '@inertiajs/react'
import { Alert, Anchor, Group, Paper, Select, Stack, Text, UnstyledButton } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { IconGripVertical } from '@tabler/icons-react'
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core'
import { useT } from '~/ui'
import { apiJson } from '~/ui/api'
import { flattenChart, type ChartPerson } from './org_chart_tree'

const TOP = 'top'

/** One person of the chart: dragged by its handle, a drop target for the others. */
function PersonRow({
  person,
  depth,
  people,
  indent,
  busy,
  onMove,
}: {
  person: ChartPerson
  depth: number
  people: ChartPerson[]
  indent: number
  busy: boolean
  onMove: (person: ChartPerson, managerId: number | null) => void
}) {
  const { t } = useT()
  const id = String(person.id)
  const {
    setNodeRef: dragRef,
    listeners,
    attributes,
    isDragging,
    active,
  } = useDraggable({
    id,
    data: person,
  })
  const { setNodeRef: dropRef, isOver } = useDroppable({ id })
  const over = isOver && active?.id !== id
  return (
    <Paper
      ref={dropRef}
      withBorder
      radius="sm"
      p={6}
      ml={depth * indent}
      bg={over ? 'var(--mantine-color-blue-light)' : undefined}
      style={{ opacity: isDragging ? 0.5 : 1 }}
      data-testid={`org-person-${person.id}`}
    >
      <Group gap="xs" wrap="wrap" justify="space-between">
        <Group gap={4} wrap="nowrap" style={{ minWidth: 0, flex: '1 1 160px' }}>
          <UnstyledButton
            ref={dragRef}
            {...listeners}
            {...attributes}
            aria-label={t('crm.org_chart.drag', { name: person.name })}
            style={{ cursor: 'grab', touchAction: 'none', display: 'flex' }}
            data-testid={`org-drag-${person.id}`}
          >
            <IconGripVertical size={16} aria-hidden />
          </UnstyledButton>
          <div style={{ minWidth: 0 }}>
            <Anchor component={Link} href={`/crm/contacts/${person.id}`} size="sm" fw={500}>
              {person.name}
            </Anchor>
            {person.position && (
              <Text size="xs" c="dimmed" truncate>
                {person.position}
              </Text>
            )}
          </div>
        </Group>
        {/* The keyboard's way (and the phone's): pick the manager from a list. */}
        <Select
          size="xs"
          w={200}
          aria-label={`${t('crm.org_chart.depends_on')} · ${person.name}`}
          placeholder={t('crm.org_chart.depends_on')}
          disabled={busy}
          value={person.reportsToId === null ? TOP : String(person.reportsToId)}
          data={[
            { value: TOP, label: t('crm.org_chart.nobody') },
            ...people
              .filter((p) => p.id !== person.id)
              .map((p) => ({ value: String(p.id), label: p.name })),
          ]}
          allowDeselect={false}
          onChange={(v) => v && onMove(person, v === TOP ? null : Number(v))}
          data-testid={`org-select-${person.id}`}
        />
      </Group>
    </Paper>
  )
}

/** "No depende de nadie": dropping a person here takes them to the top of the chart. */
function TopZone() {
  const { t } = useT()
  const { setNodeRef, isOver } = useDroppable({ id: TOP })
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      radius="sm"
      p={6}
      style={{ borderStyle: 'dashed' }}
      bg={isOver ? 'var(--mantine-color-blue-light)' : undefined}
      data-testid="org-top"
    >
      <Text size="xs" c="dimmed" ta="center">
        {t('crm.org_chart.drop_top')}
      </Text>
    </Paper>
  )
}

/**
 * A company's org chart to view and rearrange: an indented list (readable at 375 px) where a
 * person dragged onto another (pointer or keyboard: @dnd-kit) or given a manager in "Depende
 * de" reports to them. Each move is saved as the contact's manager (its field endpoint, so the
 * same rules — same company, no cycle — and the same history apply); a refusal is announced.
 */
export function OrgChartEditor({ people }: { people: ChartPerson[] }) {
  const { t } = useT()
  const phone = useMediaQuery('(max-width: 36em)')
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor)
  )
  const byId = new Map(people.map((p) => [p.id, p]))

  const move = async (person: ChartPerson, managerId: number | null) => {
    if (managerId === person.reportsToId) return
    setBusy(true)
    setError(null)
    const answer = await apiJson('PATCH', `/crm/contacts/${person.id}/field`, {
      field: 'reportsToId',
      value: managerId,
    }).catch(() => null)
    setBusy(false)
    if (!answer?.ok) {
      setError(answer?.body.errors?.[0]?.message ?? t('crm.errors.load_failed'))
      return
    }
    const manager = managerId === null ? null : byId.get(managerId)
    setStatus(
      manager
        ? t('crm.org_chart.moved', { name: person.name, manager: manager.name })
        : t('crm.org_chart.moved_top', { name: person.name })
    )
    router.reload({ only: ['contacts', 'timeline'] })
  }

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || over.id === active.id) return
    const person = byId.get(Number(active.id))
    if (person) void move(person, over.id === TOP ? null : Number(over.id))
  }

  return (
    <Stack gap={6} data-testid="org-chart-editor">
      <Text size="xs" c="dimmed">
        {t('crm.org_chart.rearrange_help')}
      </Text>
      {error && (
        <Alert
          color="red"
          role="alert"
          data-testid="org-error"
          withCloseButton
          onClose={() => setError(null)}
        >
          {error}
        </Alert>
      )}
      <Text size="xs" role="status" aria-live="polite" data-testid="org-status">
        {status}
      </Text>
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <TopZone />
        {flattenChart(people).map(({ person, depth }) => (
          <PersonRow
            key={person.id}
            person={person}
            depth={depth}
            people={people}
            indent={phone ? 12 : 24}
            busy={busy}
            onMove={move}
          />
        ))}
      </DndContext>
    </Stack>
  )
}
